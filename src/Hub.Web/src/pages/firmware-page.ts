import { html, nothing } from "lit";
import { api, get } from "../api";
import { formatBytes, formatTime, shortHash } from "../format";
import { notify, notifyError } from "../notices";
import { messageOf } from "../problem";
import { session } from "../session";
import { uploadBytes } from "../upload";
import type { FirmwareView } from "../types";
import { LightElement } from "../components/light-element";

/** The firmware library: what each image is and whether a rollout may use it; upload with progress; trust upstream images. */
export class FirmwarePage extends LightElement {
  private images: FirmwareView[] = [];
  private loaded = false;
  private error: string | null = null;
  /** 0..1 while an upload runs, null otherwise. */
  private progress: number | null = null;
  private uploadError: string | null = null;
  /** The last upload's progress in percent, as the browser reported it; kept after the bar goes away. */
  private lastPercent = 0;
  /** Only the administrator may trust an image (the API answers 403 to others), so only it sees the button. */
  private isAdmin = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.title = "Firmware · Hub";
    void this.load();
    session().then((me) => {
      this.isAdmin = me.isAdmin;
      this.requestUpdate();
    }, () => undefined);
  }

  private async load(): Promise<void> {
    try {
      this.images = await get<FirmwareView[]>("/api/firmware");
      this.error = null;
    } catch (e) {
      this.error = messageOf(e);
    }
    this.loaded = true;
    this.requestUpdate();
  }

  private async upload(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      this.uploadError = "Choose an image file first.";
      this.requestUpdate();
      return;
    }
    const query = new URLSearchParams({ name: file.name });
    for (const key of ["chip", "version"]) {
      const value = String(data.get(key) ?? "").trim();
      if (value) query.set(key, value);
    }
    this.progress = 0;
    this.uploadError = null;
    this.requestUpdate();
    try {
      this.lastPercent = 0;
      const image = await uploadBytes<FirmwareView>(`/api/firmware?${query}`, file, (f) => {
        this.progress = f;
        this.lastPercent = Math.round(f * 100);
        this.requestUpdate();
      });
      notify(`Stored ${image.chipFamily} ${image.version} (${shortHash(image.sha256)}).`);
      form.reset();
      await this.load();
    } catch (err) {
      // Shown next to the form, where the user looks: a duplicate (409), too large (413) or refused (422) image.
      this.uploadError = messageOf(err);
    } finally {
      this.progress = null;
      this.requestUpdate();
    }
  }

  private async trust(image: FirmwareView): Promise<void> {
    if (!confirm(`Trust ${image.fileName ?? image.version}? Rollouts may then send it to plugs.`)) return;
    try {
      await api<FirmwareView>("POST", `/api/firmware/${image.id}/trust`);
      notify(`Image ${image.id} is trusted.`);
      await this.load();
    } catch (err) {
      notifyError(err);
    }
  }

  private trustState(i: FirmwareView) {
    if (i.signatureVerified) return html`<span class="badge ok">signed</span>`;
    if (i.trusted) return html`<span class="badge ok" title="by ${i.trustedBy ?? "?"} ${formatTime(i.trustedAt)}">trusted</span>`;
    return html`<span class="badge warn">untrusted</span>`;
  }

  protected override render() {
    const uploading = this.progress !== null;
    return html`
      <section class="page wide">
        <h1>Firmware</h1>
        <p class="muted">Images are checked when they arrive and stored once per SHA-256. Our own images carry a signature;
          upstream OpenBeken and Tasmota images must be marked trusted by the administrator before a rollout may use them.</p>
        <form class="edit" @submit=${this.upload} aria-label="Upload firmware" data-progress=${this.lastPercent}>
          <label>Image file <input name="file" type="file" required ?disabled=${uploading}></label>
          <label>Chip (if the image does not say) <input name="chip" maxlength="32" placeholder="BL602"></label>
          <label>Version (if the image does not say) <input name="version" maxlength="32"></label>
          <button type="submit" class="primary" ?disabled=${uploading}>Upload</button>
        </form>
        ${uploading ? html`
          <div class="upload-progress">
            <progress data-testid="upload-progress" max="100" value=${Math.round(this.progress! * 100)}
              aria-label="Upload progress"></progress>
            <span class="num">${Math.round(this.progress! * 100)} %</span>
          </div>` : nothing}
        ${this.uploadError ? html`<p class="error" role="alert" data-testid="upload-error">${this.uploadError}</p>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="table-wrap">
          <table class="firmware">
            <thead><tr><th scope="col">#</th><th scope="col">Format</th><th scope="col">Chip</th><th scope="col">Version</th>
              <th scope="col">Size</th><th scope="col">SHA-256</th><th scope="col">Trust</th><th scope="col">Source</th>
              <th scope="col"></th></tr></thead>
            <tbody>${this.images.map((i) => html`
              <tr data-image=${i.id} data-file=${i.fileName ?? ""}>
                <td class="num">${i.id}</td><td>${i.format}</td><td>${i.chipFamily}</td><td>${i.version}</td>
                <td class="num">${formatBytes(i.sizeBytes)}</td>
                <td><code title=${i.sha256}>${shortHash(i.sha256)}</code></td>
                <td>${this.trustState(i)}</td>
                <td>${i.fileName ?? "–"}<br><span class="muted">${i.uploadedBy ?? "?"}, ${formatTime(i.uploadedAt)}</span></td>
                <td>${i.trusted || !this.isAdmin ? nothing : html`<button type="button" aria-label="Trust image ${i.id}"
                  @click=${() => this.trust(i)}>Trust</button>`}</td>
              </tr>`)}</tbody>
          </table>
          ${this.loaded && this.images.length === 0 && !this.error ? html`<p class="muted">No image uploaded yet.</p>` : nothing}
        </div>
      </section>`;
  }
}

customElements.define("hub-firmware-page", FirmwarePage);
