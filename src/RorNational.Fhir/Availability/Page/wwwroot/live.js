// Live updates: GET /api/availability/changes is a Server-Sent Events stream that only says
// "changed". EventSource cannot send the Authorization header, so the stream is read with
// fetch() and a ReadableStream. On each "changed", and whenever the stream (re)opens, the page
// refetches with its token. The stream is reopened after it ends (the server closes it when
// the token expires), with a growing delay after failures.
import { headers, token } from './api.js';

export function follow({ onChange, onState, onUnauthorized }) {
  let stopped = false;
  let controller = null;
  let delay = 1000;

  async function read() {
    controller = new AbortController();
    const used = token.get();
    const response = await fetch('/api/availability/changes', { headers: { Accept: 'text/event-stream', ...headers() }, cache: 'no-store', signal: controller.signal });
    if (response.status === 401) { stopped = true; onUnauthorized(used); return; }
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    onState('on');
    delay = 1000;
    onChange();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        if (block.split(/\r?\n/).some((line) => line === 'event: changed')) onChange();
      }
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await read();
        if (!stopped) { onState('reconnecting'); await new Promise((resolve) => setTimeout(resolve, 1000)); }
      } catch (error) {
        if (stopped) return;
        onState('reconnecting');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30000);
      }
    }
  })();

  return () => { stopped = true; if (controller) controller.abort(); onState('off'); };
}
