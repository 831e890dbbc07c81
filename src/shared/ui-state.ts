/** The overlay's own state, kept by the background ('ui/get', 'ui/set') across pages and tabs. */

/** Distance from the viewport's right and bottom edges, in CSS pixels. */
export interface OverlayPosition {
  right: number;
  bottom: number;
}

export interface OverlayState {
  collapsed: boolean;
  /**
   * Where the partner dragged the panel, per page type (`customers-list`, `add-products`…): a spot
   * that suits one page covers controls on another. A page type without one is placed automatically
   * clear of the page's controls.
   */
  positions: Record<string, OverlayPosition>;
}

export const DEFAULT_OVERLAY_STATE: OverlayState = { collapsed: false, positions: {} };
