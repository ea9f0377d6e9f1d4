/** Actions: what a schedule does. Targets use HA's own shape (domain/ha.ts `Target`). */

export interface OnAction { type: 'on' }
export interface OffAction { type: 'off' }
export interface ToggleAction { type: 'toggle' }
/** Level 0–100 %, mapped per domain: light brightness_pct, fan percentage, cover/valve position, number value within min/max. */
export interface SetLevelAction { type: 'set_level'; percent: number }
/** A gradual change of level (0–100 %) over `duration_seconds`, stepwise or via the light's `transition`. */
export interface RampAction { type: 'ramp'; from: number; to: number; duration_seconds: number }
/** Any HA service, "domain.service", with its data; the schedule's target is added. */
export interface ServiceAction { type: 'service'; service: string; data?: Record<string, unknown> }
/** Activates the scene(s) in the target. */
export interface SceneAction { type: 'scene' }
/** Runs the script(s) in the target with these variables plus the schedule's context. */
export interface ScriptAction { type: 'script'; variables?: Record<string, unknown> }
/** Sends a message through an HA notify service ("notify.mobile_app_x"). */
export interface NotifyAction { type: 'notify'; service: string; title?: string; message: string }
/** Publishes to an MQTT topic (devices HA does not know, e.g. a Tasmota pump). */
export interface MqttPublishAction { type: 'mqtt_publish'; topic: string; payload: string; qos?: 0 | 1 | 2; retain?: boolean }
/** Steps run one after another; a wait step pauses. Each step is persisted. */
export interface SequenceAction { type: 'sequence'; steps: SequenceStep[] }
export type SequenceStep = { type: 'wait'; seconds: number } | (StepAction & { target?: import('./ha.js').Target });

/** Actions allowed inside a sequence (no nested sequences). */
export type StepAction =
  | OnAction
  | OffAction
  | ToggleAction
  | SetLevelAction
  | RampAction
  | ServiceAction
  | SceneAction
  | ScriptAction
  | NotifyAction
  | MqttPublishAction;

export type Action = StepAction | SequenceAction;
export type ActionType = Action['type'];
export const ACTION_TYPES = [
  'on', 'off', 'toggle', 'set_level', 'ramp', 'service', 'scene', 'script', 'notify', 'mqtt_publish', 'sequence',
] as const satisfies readonly ActionType[];
