import { LitElement } from "lit";

/**
 * The pages render into the light DOM: one global stylesheet styles the whole app, and tests and assistive tools see
 * one plain document. State lives in ordinary fields; a page calls requestUpdate() when it changes one.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
