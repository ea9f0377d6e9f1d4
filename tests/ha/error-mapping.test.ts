import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERR_CONNECTION_LOST } from 'home-assistant-js-websocket';
import { toServiceCallError } from '../../server/src/ha/errors.js';

const RUNNING = true;

test('the lib number 3 (could not send) is transient not_connected', () => {
  const error = toServiceCallError(ERR_CONNECTION_LOST, RUNNING);
  assert.equal([error.kind, error.code], ['transient', 'not_connected']);
});

test('the lib envelope with code 3 (lost in flight) is transient connection_lost', () => {
  const error = toServiceCallError({ type: 'result', success: false, error: { code: 3, message: 'Connection lost' } }, RUNNING);
  assert.equal([error.kind, error.code], ['transient', 'connection_lost']);
});

test('HA error codes keep their code and message; the classification follows the documented table', () => {
  const cases: [string, boolean, 'transient' | 'permanent'][] = [
    ['not_found', RUNNING, 'permanent'],
    ['invalid_format', RUNNING, 'permanent'],
    ['service_validation_error', RUNNING, 'permanent'],
    ['unauthorized', RUNNING, 'permanent'],
    ['unknown_error', RUNNING, 'permanent'],
    ['home_assistant_error', RUNNING, 'permanent'],
    ['home_assistant_error', !RUNNING, 'transient'],
    ['timeout', RUNNING, 'transient'],
    ['some_future_code', RUNNING, 'permanent'],
  ];
  for (const [code, running, kind] of cases) {
    const error = toServiceCallError({ code, message: `HA says ${code}`, translation_key: 'k' }, running);
    assert.equal([error.kind, error.code, error.message], [kind, code, `HA says ${code}`], code);
  }
});

test('anything else becomes a permanent unknown_error with its text', () => {
  const error = toServiceCallError(new Error('boom'), RUNNING);
  assert.equal([error.kind, error.code, error.message], ['permanent', 'unknown_error', 'boom']);
});

test.run();
