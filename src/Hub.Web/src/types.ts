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
