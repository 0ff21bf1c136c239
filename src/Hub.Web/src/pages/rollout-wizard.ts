import { html, nothing } from "lit";
import { api, get } from "../api";
import { displayName } from "../fleet-logic";
import { fleet } from "../fleet-store";
import { notify } from "../notices";
import { messageOf } from "../problem";
import { navigate } from "../router";
import { parseWaves } from "../rollout-logic";
import type { Delivery, FirmwareView, PlugSummary, PlugVerdict, RolloutCreated } from "../types";
import { LightElement } from "../components/light-element";

type TargetKind = "all" | "tag" | "group" | "plugs";

/** The browser's own zone, offered first; the hub checks any zone it is given. */
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const allZones = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
const zoneChoices = [localZone, ...allZones.filter((z) => z !== localZone)];

/** A long explicit-plug list is cut here; the filter narrows it. */
const shownPlugs = 200;

/**
 * A new rollout in one form: the image, the target (every adopted plug, a tag, a group or chosen plugs) with the API's
 * verdict per plug, the waves and the thresholds, and an optional maintenance window. Creating it opens its live view.
 */
export class RolloutWizard extends LightElement {
  private images: FirmwareView[] = [];
  private imageId = 0;
  private target: TargetKind = "all";
  private tag = "";
  private group = "";
  private plugFilter = "";
  private delivery: Delivery = "Auto";
  private readonly chosen = new Set<number>();
  private verdicts: PlugVerdict[] | null = null;
  private checking = false;
  private creating = false;
  private error: string | null = null;
  private unsubscribe: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = "New rollout · Hub";
    this.unsubscribe = fleet.subscribe(() => this.requestUpdate());
    void fleet.reload();
    void this.loadImages();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private async loadImages(): Promise<void> {
    try {
      this.images = await get<FirmwareView[]>("/api/firmware");
      this.imageId = this.images.find((i) => i.trusted)?.id ?? 0;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.requestUpdate();
  }

  private adopted(): PlugSummary[] {
    return [...fleet.plugs.values()].filter((p) => p.status === "Adopted");
  }

  private targetBody(): { plugIds?: number[]; tag?: string; group?: string } {
    switch (this.target) {
      case "tag": return { tag: this.tag };
      case "group": return { group: this.group };
      case "plugs": return { plugIds: [...this.chosen] };
      default: return {};
    }
  }

  /** An empty tag or group would mean "no filter" to the API, i.e. every plug: not what the user picked. */
  private targetChosen(): boolean {
    if (this.imageId === 0) return false;
    switch (this.target) {
      case "tag": return this.tag !== "";
      case "group": return this.group !== "";
      case "plugs": return this.chosen.size > 0;
      default: return true;
    }
  }

  /** Any change to the image or the target makes the last verdicts stale. */
  private changed(): void {
    this.verdicts = null;
    this.error = null;
    this.requestUpdate();
  }

  private async check(): Promise<void> {
    this.checking = true;
    this.error = null;
    this.requestUpdate();
    try {
      this.verdicts = await api<PlugVerdict[]>("POST", "/api/rollouts/preview",
        { firmwareId: this.imageId, ...this.targetBody(), delivery: this.delivery });
    } catch (e) {
      this.error = messageOf(e);
    } finally {
      this.checking = false;
      this.requestUpdate();
    }
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? "").trim();
    const waves = parseWaves(text("waves"));
    if ("error" in waves) {
      this.error = waves.error;
      this.requestUpdate();
      return;
    }
    this.creating = true;
    this.error = null;
    this.requestUpdate();
    try {
      const created = await api<RolloutCreated>("POST", "/api/rollouts", {
        name: text("name"),
        firmwareId: this.imageId,
        ...this.targetBody(),
        waves: waves.waves.length > 0 ? waves.waves : null,
        successThresholdPercent: Number(text("success")),
        errorThresholdPercent: Number(text("errors")),
        maxConcurrency: Number(text("concurrency")),
        plugTimeoutSeconds: Number(text("timeout")),
        maxAttempts: Number(text("attempts")),
        delivery: this.delivery,
        // Without a start the rollout runs at any time, and the length and zone mean nothing.
        ...(text("windowCron") ? {
          maintenanceWindowCron: text("windowCron"),
          maintenanceWindowMinutes: Number(text("windowMinutes")),
          maintenanceWindowTimeZone: text("windowTimeZone") || null,
        } : {}),
      });
      const refused = created.refused.length;
      notify(`Rollout "${created.rollout.name}" started${refused > 0 ? `; ${refused} plug(s) left out` : ""}.`);
      navigate(`/rollouts/${created.rollout.id}`);
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.creating = false;
      this.requestUpdate();
    }
  }

  private targetPicker(plugs: PlugSummary[]) {
    const tags = [...new Set(plugs.flatMap((p) => p.tags))].sort();
    const groups = [...new Set(plugs.map((p) => p.group).filter((g): g is string => !!g))].sort();
    const kind = (k: TargetKind, label: string) => html`<label class="inline"><input type="radio" name="target" value=${k}
      .checked=${this.target === k} @change=${() => { this.target = k; this.changed(); }}> ${label}</label>`;
    const needle = this.plugFilter.toLowerCase();
    const matching = plugs.filter((p) => !needle || displayName(p).toLowerCase().includes(needle) || p.topic.includes(needle));
    return html`
      <fieldset>
        <legend>Targets</legend>
        <div class="actions">
          ${kind("all", `Every adopted plug (${plugs.length})`)} ${kind("tag", "A tag")} ${kind("group", "A group")}
          ${kind("plugs", "Chosen plugs")}
        </div>
        ${this.target === "tag" ? html`<label>Tag <select name="tag" @change=${(e: Event) => { this.tag = (e.target as HTMLSelectElement).value; this.changed(); }}>
          <option value="">–</option>${tags.map((t) => html`<option ?selected=${t === this.tag}>${t}</option>`)}</select></label>` : nothing}
        ${this.target === "group" ? html`<label>Group <select name="group" @change=${(e: Event) => { this.group = (e.target as HTMLSelectElement).value; this.changed(); }}>
          <option value="">–</option>${groups.map((g) => html`<option ?selected=${g === this.group}>${g}</option>`)}</select></label>` : nothing}
        ${this.target === "plugs" ? html`
          <label>Filter plugs <input type="search" .value=${this.plugFilter}
            @input=${(e: Event) => { this.plugFilter = (e.target as HTMLInputElement).value; this.requestUpdate(); }}></label>
          <div class="pick-list">${matching.slice(0, shownPlugs).map((p) => html`<label class="inline">
            <input type="checkbox" aria-label="Target ${p.topic}" .checked=${this.chosen.has(p.id)} @change=${(e: Event) => {
              if ((e.target as HTMLInputElement).checked) this.chosen.add(p.id);
              else this.chosen.delete(p.id);
              this.changed();
            }}> ${displayName(p)}</label>`)}
            ${matching.length > shownPlugs ? html`<p class="muted">${matching.length - shownPlugs} more; narrow the filter.</p>` : nothing}
          </div>
          <p class="muted">${this.chosen.size} chosen.</p>` : nothing}
        <label>Delivery <select name="delivery" @change=${(e: Event) => { this.delivery = (e.target as HTMLSelectElement).value as Delivery; this.changed(); }}>
          <option value="Auto" ?selected=${this.delivery === "Auto"}>Per plug: Tasmota and Beken chips download it, BL602 gets it sent</option>
          <option value="Push" ?selected=${this.delivery === "Push"}>Push: the hub sends it to each plug's web server</option>
          <option value="Pull" ?selected=${this.delivery === "Pull"}>Pull: each plug downloads it from the hub</option>
        </select></label>
        <button type="button" ?disabled=${this.checking || !this.targetChosen()} @click=${() => this.check()}>Check compatibility</button>
      </fieldset>`;
  }

  private verdictTable(verdicts: PlugVerdict[]) {
    const ok = verdicts.filter((v) => v.compatible).length;
    return html`
      <p data-testid="verdict-summary">${ok} of ${verdicts.length} plug(s) can take this image.</p>
      <div class="table-wrap">
        <table class="verdicts">
          <thead><tr><th scope="col">Plug</th><th scope="col">Now runs</th><th scope="col">Delivery</th><th scope="col">Verdict</th></tr></thead>
          <tbody>${verdicts.map((v) => html`<tr data-verdict=${v.topic}>
            <td>${v.topic}</td><td>${v.currentVersion ?? "–"}</td><td data-testid="verdict-delivery">${v.delivery?.toLowerCase() ?? "–"}</td>
            <td>${v.compatible ? html`<span class="status on">compatible</span>` : html`<span class="error">${v.reason ?? "refused"}</span>`}</td>
          </tr>`)}</tbody>
        </table>
      </div>`;
  }

  protected override render() {
    const plugs = this.adopted();
    const ready = this.verdicts !== null && this.verdicts.some((v) => v.compatible);
    return html`
      <section class="page">
        <p class="crumbs"><a href="/rollouts">Rollouts</a></p>
        <h1>New rollout</h1>
        <form class="wizard" @submit=${this.create}>
          <fieldset>
            <legend>Image</legend>
            <label>Firmware image <select name="image" @change=${(e: Event) => {
              this.imageId = Number((e.target as HTMLSelectElement).value);
              this.changed();
            }}>
              <option value="0">–</option>
              ${this.images.map((i) => html`<option value=${i.id} ?selected=${i.id === this.imageId} ?disabled=${!i.trusted}>
                #${i.id} ${i.chipFamily} ${i.version} (${i.format}${i.trusted ? "" : ", untrusted"})</option>`)}
            </select></label>
            ${this.images.length > 0 && !this.images.some((i) => i.trusted)
              ? html`<p class="muted">No trusted image: upload or trust one on the <a href="/firmware">Firmware</a> page.</p>` : nothing}
          </fieldset>
          ${this.targetPicker(plugs)}
          ${this.verdicts ? this.verdictTable(this.verdicts) : nothing}
          <fieldset>
            <legend>Waves and thresholds</legend>
            <div class="edit">
              <label>Name <input name="name" required maxlength="100"></label>
              <label>Waves (plug counts, percentages, "rest") <input name="waves" value="1, 25%, rest"></label>
              <label>Success needed per wave (%) <input name="success" type="number" min="1" max="100" value="50"></label>
              <label>Failures that pause (%) <input name="errors" type="number" min="1" max="100" value="50"></label>
              <label>Plugs at once <input name="concurrency" type="number" min="1" max="200" value="5"></label>
              <label>Timeout per plug (s) <input name="timeout" type="number" min="10" max="3600" value="900"></label>
              <label>Tries per plug <input name="attempts" type="number" min="1" max="10" value="2"></label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Maintenance window</legend>
            <p class="muted">Plugs are flashed only while the window is open; leave its start empty to flash at any time.
              The start is a Quartz cron expression with seconds first, e.g. <code>0 0 2 * * ?</code> for 02:00 every day.</p>
            <div class="edit">
              <label>Window start (cron) <input name="windowCron" maxlength="120" placeholder="0 0 2 * * ?"></label>
              <label>Window length (min) <input name="windowMinutes" type="number" min="1" max="1440" value="60"></label>
              <label>Time zone (empty: UTC) <input name="windowTimeZone" maxlength="64" list="time-zones"
                placeholder=${localZone}></label>
              <datalist id="time-zones">${zoneChoices.map((z) => html`<option value=${z}></option>`)}</datalist>
            </div>
          </fieldset>
          ${this.error ? html`<p class="error" role="alert" data-testid="wizard-error">${this.error}</p>` : nothing}
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${!ready || this.creating}>Start rollout</button>
            ${ready ? nothing : html`<span class="muted">Check compatibility first.</span>`}
          </div>
        </form>
      </section>`;
  }
}

customElements.define("hub-rollout-wizard", RolloutWizard);
