// The API's records as the browser sees them (System.Text.Json, camelCase, enums as strings).

export type Relays = Record<string, boolean>;

export interface PlugSummary {
  id: number;
  topic: string;
  protocol: string;
  status: "Pending" | "Adopted";
  name: string | null;
  group: string | null;
  tags: string[];
  online: boolean;
  relays: Relays;
  powerW: number | null;
  firmwareBuild: string | null;
  lastRebootReason: string | null;
  uptimeSeconds: number | null;
  rssiDbm: number | null;
  lastSeenAt: string | null;
}

export interface PlugPage {
  items: PlugSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PlugState {
  online: boolean;
  lastSeenAt: string | null;
  relays: Relays;
  uptimeSeconds: number | null;
  freeHeapBytes: number | null;
  rssiDbm: number | null;
  lastRebootReason: string | null;
  bootCount: number | null;
  powerW: number | null;
  voltageV: number | null;
  currentA: number | null;
  energyCounterWh: number | null;
  malformedMessages: number;
}

export type DesiredMode = "NotManaged" | "On" | "Off" | "LastCommanded";

export interface DesiredRelayView {
  channel: number;
  mode: DesiredMode;
  lastCommandedOn: boolean | null;
}

export interface PlugDetails {
  plug: PlugSummary;
  chip: string | null;
  mac: string | null;
  ip: string | null;
  otaPartitionBytes: number | null;
  firstSeenAt: string;
  adoptedAt: string | null;
  state: PlugState;
  desired: DesiredRelayView[];
}

export interface HistoryItem {
  id: number;
  at: string;
  kind: string;
  detail: string;
  actor: string;
}

export interface PlugLiveUpdate {
  plugId: number;
  online: boolean;
  relays: Relays;
  powerW: number | null;
  voltageV: number | null;
  currentA: number | null;
  energyCounterWh: number | null;
  uptimeSeconds: number | null;
  rssiDbm: number | null;
  lastRebootReason: string | null;
  lastSeenAt: string | null;
}

export interface RelayResult {
  plugId: number;
  channel: number;
  on: boolean;
}

export interface BulkRelayItem {
  plugId: number;
  topic: string;
  outcome: string;
  on: boolean | null;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string | null;
}

export interface CurrentUser {
  userName: string;
  authenticatedBy: string;
  isAdmin: boolean;
}

export interface EnergySummary {
  plugId: number;
  lifetimeKwh: number;
  lastCounterWh: number | null;
  lastCounterAt: string | null;
  todayKwh: number;
  todayCost: number | null;
  monthKwh: number;
  monthCost: number | null;
  currency: string | null;
}

export interface EnergySeries {
  plugId: number;
  resolution: string;
  from: string;
  to: string;
  points: { at: string; energyWh: number; avgW: number | null; minW: number | null; maxW: number | null }[];
}

export interface EnergyTotal {
  period: string;
  energyKwh: number;
  cost: number | null;
  currency: string | null;
}

export type FirmwareFormat = "PlugImage" | "Bl602Ota" | "BekenRbl" | "Tasmota";

export interface FirmwareView {
  id: number;
  sha256: string;
  format: FirmwareFormat;
  chipFamily: string;
  version: string;
  sizeBytes: number;
  signatureVerified: boolean;
  trusted: boolean;
  fileName: string | null;
  uploadedBy: string | null;
  uploadedAt: string;
  trustedBy: string | null;
  trustedAt: string | null;
}

export type RolloutStatus = "Running" | "Paused" | "Completed" | "Aborted";
export type RolloutPlugState =
  | "Queued" | "Sending" | "Flashing" | "Rebooting" | "Verifying" | "Succeeded" | "Failed" | "Cancelled";

/** A row of GET /api/rollouts (the stored rollout, without its plugs). */
export interface RolloutSummary {
  id: number;
  name: string;
  firmwareImageId: number;
  status: RolloutStatus;
  waveSizes: number[];
  currentWave: number;
  pauseReason: string | null;
  holding: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface WaveView {
  wave: number;
  size: number;
  states: Partial<Record<RolloutPlugState, number>>;
}

export interface RolloutPlug {
  id: number;
  plugId: number;
  topic: string;
  wave: number;
  state: RolloutPlugState;
  attempts: number;
  reason: string | null;
  previousBuild: string | null;
  reportedBuild: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RolloutView {
  id: number;
  name: string;
  firmwareImageId: number;
  status: RolloutStatus;
  pauseReason: string | null;
  holding: string | null;
  currentWave: number;
  waves: WaveView[];
  states: Partial<Record<RolloutPlugState, number>>;
  plugs: RolloutPlug[];
  createdAt: string;
  finishedAt: string | null;
}

export interface PlugVerdict {
  plugId: number;
  topic: string;
  compatible: boolean;
  reason: string | null;
  currentVersion: string | null;
  /** How the image would reach the plug: "Push" or "Pull" (compatible plugs only). */
  delivery: Delivery | null;
}

/** A rollout's delivery: per plug (auto: Tasmota and Beken chips pull, BL602 is pushed), or one for all. */
export type Delivery = "Auto" | "Push" | "Pull";

export interface RolloutCreated {
  rollout: RolloutView;
  refused: PlugVerdict[];
}

export type AlertSeverity = "Info" | "Warning" | "Critical";
export type AlertState = "Active" | "Acknowledged" | "Resolved";

export interface AlertView {
  id: number;
  key: string;
  rule: string;
  severity: AlertSeverity;
  state: AlertState;
  plugId: number | null;
  deviceId: number | null;
  title: string;
  cause: string;
  occurrences: number;
  raisedAt: string;
  lastRaisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}

/** Pushed on the live connection whenever an alert is raised, repeated, acknowledged or resolved. */
/** What the hub pushes when a plug of a rollout moves to another step. */
export interface RolloutPlugChange {
  rolloutId: number;
  plugId: number;
  topic: string;
  wave: number;
  state: RolloutPlugState;
  reason: string | null;
  at: string;
}

/** A rollout itself changed: status, current wave, or why it holds or paused. */
export interface RolloutChange {
  rolloutId: number;
  status: RolloutStatus;
  currentWave: number;
  holding: string | null;
  pauseReason: string | null;
  at: string;
}

export interface AlertLiveChange {
  alert: AlertView;
  activeCount: number;
}

export interface AlertThreshold {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  perPlug: boolean;
}

export interface AlertRuleView {
  rule: string;
  title: string;
  severity: AlertSeverity;
  enabled: boolean;
  thresholds: AlertThreshold[];
  plugOverrides: number;
}

export interface AlertRulesView {
  recoveryHoldSeconds: number;
  maxRepeatNotifications: number;
  rules: AlertRuleView[];
}

/** A plug's own limits (null: the fleet default) and the ones in force (null: that rule is off). */
export interface PlugLimitsView {
  plugId: number;
  powerLimitW: number | null;
  offlineAfterSeconds: number | null;
  dailyEnergyBudgetKwh: number | null;
  effectivePowerLimitW: number | null;
  effectiveOfflineAfterSeconds: number;
  effectiveDailyEnergyBudgetKwh: number | null;
}

export type AlertChannelKind = "Webhook" | "Mqtt" | "Email";

export interface ChannelView {
  id: number;
  name: string;
  kind: AlertChannelKind;
  enabled: boolean;
  minSeverity: AlertSeverity;
  tags: string[];
  url: string | null;
  hasSecret: boolean;
  topic: string | null;
  smtpHost: string | null;
  mailTo: string | null;
}

export interface UserView {
  id: string;
  userName: string;
  isAdmin: boolean;
  lockedOutUntil: string | null;
}

export interface TariffPeriod {
  weekdays: number;
  startMinute: number;
  endMinute: number;
  pricePerKwh: number;
}

export interface TariffView {
  id: number;
  validFrom: string;
  currency: string;
  dailyFee: number;
  periods: TariffPeriod[];
}

export interface BrokerSettingsView {
  embedded: boolean;
  bindAddress: string | null;
  embeddedPort: number | null;
  hubHost: string;
  hubPort: number;
  hubUsername: string;
  useTls: boolean;
  accountStore: string;
  bootstrapEnabled: boolean;
  bootstrapUsername: string;
}

export type ProbeKind = "Ping" | "Tcp" | "Http" | "Mqtt";
export type WatchdogAction = "AlertOnly" | "RestartPlug" | "PowerCycle";

/** A watchdog probe as stored: exactly one of plugId and deviceId is set. */
export interface Probe {
  id: number;
  plugId: number | null;
  deviceId: number | null;
  kind: ProbeKind;
  port: number | null;
  path: string | null;
  expectedStatus: number;
  intervalSeconds: number;
  downIntervalSeconds: number;
  timeoutSeconds: number;
  failuresToTrip: number;
  window: number;
  maxSilenceSeconds: number;
  onDown: WatchdogAction;
  enabled: boolean;
}

/** A plug or a device expected to be off until a time: the watchdog neither alerts nor acts on it. */
export interface MaintenanceWindowView {
  id: number;
  plugId: number | null;
  deviceId: number | null;
  until: string;
  note: string | null;
  createdBy: string;
}

/** A device the owner named as powered by a plug (a router, a modem). */
export interface WatchedDevice {
  id: number;
  name: string;
  plugId: number;
  host: string;
  relayChannel: number;
  offSeconds: number;
}

/** A running probe's live verdict; probes the worker has not loaded (disabled) have none. */
export interface ProbeStatus {
  probeId: number;
  target: string;
  down: boolean;
  recentFailures: number;
  lastRunAt: string | null;
  lastDetail: string | null;
  nextRunAt: string;
  needsAttention: boolean;
}

/** What an SSDP search or an address scan found (POST /api/discovery/ssdp, /api/discovery/scan). */
export interface DiscoveryReport {
  method: string;
  probed: number;
  answered: number;
  plugs: { plugId: number | null; topic: string | null; status: string | null; change: string }[];
  unidentified: unknown[];
}

/** What the hub pushes when a maintenance window starts, is ended by hand, or expires. */
export interface MaintenanceChange {
  /** The plug whose page shows the window: its own plug, or the plug in front of its device. */
  plugId: number | null;
  change: "Started" | "Ended" | "Expired";
  window: MaintenanceWindowView;
}

/** What the hub pushes when a watchdog probe's verdict changes. */
export interface ProbeChange {
  plugId: number;
  status: ProbeStatus;
}
