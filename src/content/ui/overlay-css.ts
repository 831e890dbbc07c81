/** The overlay's styles, inside its shadow root: nothing leaks in or out. */
export const CSS = `
:host { all: initial; }
.panel { font: 13px/1.4 "Segoe UI", system-ui, "Microsoft JhengHei", sans-serif; color: #1b1b1b; background: #fff;
  border: 1px solid #c8c8c8; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); width: 300px; max-width: calc(100vw - 32px);
  max-height: calc(100vh - 48px); display: flex; flex-direction: column; overflow: hidden; }
.panel.collapsed { width: auto; max-width: 300px; }
.count { background: #fff; color: #0067b8; border-radius: 9px; min-width: 18px; padding: 0 5px; text-align: center; font-weight: 700; box-sizing: border-box; }
button.waiting { border: 0; border-radius: 0; text-align: left; padding: 6px 12px; background: #f3f9fd; color: #1b1b1b; overflow-wrap: anywhere; }
header { display: flex; align-items: center; gap: 8px; padding: 6px 8px 6px 12px; background: #0067b8; color: #fff; cursor: move; user-select: none; touch-action: none; }
.title { flex: 1; font-weight: 600; outline-offset: 2px; }
.flag { background: #fff4ce; color: #6d3f00; border-radius: 50%; padding: 0 5px; font-weight: 700; }
.body { padding: 10px 12px; overflow: auto; overflow-wrap: anywhere; min-height: 0; }
p { margin: 0 0 8px; }
.muted { color: #605e5c; }
.hint { color: #323130; }
.problem { color: #a4262c; }
.success { color: #107c10; font-weight: 600; }
.steps { list-style: none; margin: 0 0 8px; padding: 0; }
.steps li { display: flex; align-items: center; gap: 6px; padding: 2px 0; color: #605e5c; }
.steps li.current { color: #1b1b1b; font-weight: 600; }
.steps li.done { color: #107c10; }
.dot { display: inline-grid; place-items: center; width: 18px; height: 18px; border-radius: 50%; border: 1px solid currentColor; font-size: 11px; flex: none; }
.current .dot { background: #0067b8; color: #fff; border-color: #0067b8; }
.expiry.soon { color: #8a4b00; font-weight: 600; }
.expiry.overdue { color: #a4262c; font-weight: 600; }
.next { border-left: 3px solid #0067b8; padding: 4px 0 4px 8px; margin: 0 0 8px; }
.next.overdue, .next.urgent { border-color: #a4262c; }
.next.soon { border-color: #8a4b00; }
.advice { color: #323130; }
.due { font-weight: 600; }
.ask { border-left: 3px solid #8a8886; padding: 4px 0 4px 8px; margin: 0 0 8px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
button { font: inherit; border: 1px solid #8a8886; background: #fff; color: #1b1b1b; border-radius: 4px; padding: 4px 10px; cursor: pointer; }
button.primary { background: #0067b8; border-color: #0067b8; color: #fff; }
button:disabled { opacity: .5; cursor: default; }
button.icon { background: transparent; border: 0; color: #fff; font-size: 14px; padding: 2px 6px; }
button:focus-visible, a:focus-visible, .title:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid #ffb900; outline-offset: 1px; }
a { color: #0067b8; }
.callout { border-radius: 6px; padding: 8px; margin: 0 0 8px; background: #f3f9fd; border: 1px solid #c7e0f4; }
.callout.warn { background: #fff4ce; border-color: #f2c811; }
.callout.success { background: #dff6dd; border-color: #9fd89f; color: inherit; font-weight: 400; }
.callout ul { margin: 4px 0; padding-left: 18px; }
label { display: block; margin: 4px 0; }
input, select { font: inherit; border: 1px solid #8a8886; border-radius: 4px; padding: 2px 6px; max-width: 100%; box-sizing: border-box; }
.list { list-style: none; margin: 0 0 6px; padding: 0; }
.list li { padding: 1px 0; }
button.link { border: 0; background: transparent; color: #a4262c; padding: 0 4px; }
form label { display: grid; gap: 2px; }
form input, form select { width: 100%; }
.pick label { display: block; padding: 2px 0; overflow-wrap: anywhere; }
.pick { max-height: 160px; overflow: auto; border: 1px solid #edebe9; border-radius: 4px; padding: 4px; margin: 4px 0; }
`;
