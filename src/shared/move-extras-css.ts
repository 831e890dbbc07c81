/**
 * The styles of the timeline, reminders and messages (MoveExtras.tsx), written once for both
 * places that show them: the overlay's shadow root (overlay-css.ts) and the popup (main.tsx).
 */
export const MOVE_EXTRAS_CSS = `
.extras { margin: 0 0 8px; }
.timeline { margin: 0 0 8px; }
.tl-axis { stroke: #8a8886; stroke-width: 1; }
.tl-overlap { fill: #fde7c4; stroke: #8a4b00; }
.tl-window { fill: #c7e0f4; stroke: #0067b8; }
.tl-today { stroke: #1b1b1b; stroke-dasharray: 2 2; }
circle.tl-requested, .tl-key.tl-requested { fill: #605e5c; background: #605e5c; }
circle.tl-suggested, .tl-key.tl-suggested { fill: #0067b8; background: #0067b8; }
circle.tl-purchased, .tl-key.tl-purchased { fill: #107c10; background: #107c10; }
circle.tl-endDate, .tl-key.tl-endDate { fill: #a4262c; background: #a4262c; }
circle.tl-serviceEnd, .tl-key.tl-serviceEnd { fill: #6d3f00; background: #6d3f00; }
.tl-key { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; vertical-align: baseline; }
.tl-key.tl-today { border-radius: 0; width: 2px; background: #1b1b1b; }
.tl-key.tl-overlap { border-radius: 2px; background: #fde7c4; border: 1px solid #8a4b00; }
.tl-key.tl-window { border-radius: 2px; background: #c7e0f4; border: 1px solid #0067b8; }
.tl-dates { list-style: none; margin: 0; padding: 0; font-size: 12px; }
.reminders li { border-left: 3px solid #a4262c; padding: 2px 0 2px 6px; margin: 0 0 6px; }
.reminders .actions, .messages .actions { margin-top: 2px; }
.messages summary { cursor: pointer; margin: 0 0 4px; }
.messages li { display: grid; gap: 2px; margin: 0 0 6px; }
`;
