/** The feedback-book page viewer's state: which page, how large, turned how far (R6). Pure, so it is tested. */
export interface ViewerState {
  page: number;
  pages: number;
  zoom: number;
  /** Clockwise quarter turns: 0, 90, 180, 270. */
  rotation: 0 | 90 | 180 | 270;
}

export type ViewerAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'go'; page: number }
  | { type: 'zoom_in' }
  | { type: 'zoom_out' }
  | { type: 'reset' }
  | { type: 'rotate_right' }
  | { type: 'rotate_left' };

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4] as const;

export function initialViewer(pages: number): ViewerState {
  return { page: 0, pages, zoom: 1, rotation: 0 };
}

const turn = (rotation: number, by: number) =>
  ((((rotation + by) % 360) + 360) % 360) as ViewerState['rotation'];

/** A new page starts unzoomed and upright: each photo was taken its own way. */
function showPage(s: ViewerState, page: number): ViewerState {
  const clamped = Math.min(Math.max(page, 0), Math.max(s.pages - 1, 0));
  return clamped === s.page ? s : { ...s, page: clamped, zoom: 1, rotation: 0 };
}

export function viewerReducer(s: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case 'next':
      return showPage(s, s.page + 1);
    case 'previous':
      return showPage(s, s.page - 1);
    case 'go':
      return showPage(s, action.page);
    case 'zoom_in':
      return { ...s, zoom: ZOOM_STEPS.find((z) => z > s.zoom) ?? s.zoom };
    case 'zoom_out':
      return { ...s, zoom: [...ZOOM_STEPS].reverse().find((z) => z < s.zoom) ?? s.zoom };
    case 'reset':
      return { ...s, zoom: 1, rotation: 0 };
    case 'rotate_right':
      return { ...s, rotation: turn(s.rotation, 90) };
    case 'rotate_left':
      return { ...s, rotation: turn(s.rotation, -90) };
  }
}

/** The viewer's keys: arrows page through, + and − zoom, R / Shift+R rotate, 0 resets. */
export function viewerKey(key: string, shift: boolean): ViewerAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { type: 'previous' };
    case '+':
    case '=':
      return { type: 'zoom_in' };
    case '-':
      return { type: 'zoom_out' };
    case '0':
      return { type: 'reset' };
    case 'r':
    case 'R':
      return { type: shift ? 'rotate_left' : 'rotate_right' };
    default:
      return null;
  }
}

/**
 * The page's displayed box: a quarter turn swaps width and height, so the scroll area around the turned
 * image is as large as what is seen.
 */
export function displayedBox(
  s: Pick<ViewerState, 'zoom' | 'rotation'>,
  width: number,
  height: number,
): { width: number; height: number } {
  const sideways = s.rotation === 90 || s.rotation === 270;
  return {
    width: Math.round((sideways ? height : width) * s.zoom),
    height: Math.round((sideways ? width : height) * s.zoom),
  };
}
