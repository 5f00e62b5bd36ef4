import { describe, expect, it } from 'vitest';
import {
  displayedBox,
  initialViewer,
  viewerKey,
  viewerReducer,
  ZOOM_STEPS,
  type ViewerAction,
  type ViewerState,
} from '../../../../../renderer/console/complaint/viewer';

// R6, issue 14: the feedback-book page viewer — page through, zoom, rotate — as a pure state machine.

const run = (s: ViewerState, ...actions: ViewerAction[]) => actions.reduce(viewerReducer, s);

describe('viewerReducer', () => {
  it('pages through within the entry and stops at both ends', () => {
    const s = initialViewer(3);
    expect(run(s, { type: 'previous' }).page).toBe(0);
    expect(run(s, { type: 'next' }, { type: 'next' }, { type: 'next' }).page).toBe(2);
    expect(run(s, { type: 'go', page: 7 }).page).toBe(2);
    expect(run(s, { type: 'go', page: -1 }).page).toBe(0);
  });

  it('a new page starts upright and unzoomed; staying on the same page keeps the view', () => {
    const turned = run(initialViewer(2), { type: 'zoom_in' }, { type: 'rotate_right' });
    expect(turned).toMatchObject({ zoom: 1.5, rotation: 90 });
    expect(run(turned, { type: 'previous' })).toBe(turned);
    expect(run(turned, { type: 'next' })).toMatchObject({ page: 1, zoom: 1, rotation: 0 });
  });

  it('zooms in steps and stops at the smallest and largest', () => {
    let s = initialViewer(1);
    for (let i = 0; i < 20; i++) s = viewerReducer(s, { type: 'zoom_in' });
    expect(s.zoom).toBe(ZOOM_STEPS.at(-1));
    for (let i = 0; i < 20; i++) s = viewerReducer(s, { type: 'zoom_out' });
    expect(s.zoom).toBe(ZOOM_STEPS[0]);
    expect(run(s, { type: 'reset' }).zoom).toBe(1);
  });

  it('rotates by quarter turns both ways, round the full circle', () => {
    const s = initialViewer(1);
    expect(run(s, { type: 'rotate_left' }).rotation).toBe(270);
    expect(run(s, ...Array<ViewerAction>(4).fill({ type: 'rotate_right' })).rotation).toBe(0);
    expect(run(s, { type: 'rotate_right' }, { type: 'rotate_right' }, { type: 'reset' }).rotation).toBe(0);
  });

  it('with no pages stays on page 0', () => {
    expect(run(initialViewer(0), { type: 'next' }).page).toBe(0);
  });
});

describe('viewerKey', () => {
  it.each([
    ['ArrowRight', false, { type: 'next' }],
    ['PageUp', false, { type: 'previous' }],
    ['+', false, { type: 'zoom_in' }],
    ['-', false, { type: 'zoom_out' }],
    ['r', false, { type: 'rotate_right' }],
    ['R', true, { type: 'rotate_left' }],
    ['0', false, { type: 'reset' }],
    ['x', false, null],
  ])('%s (shift %s) → %o', (key, shift, action) => {
    expect(viewerKey(key, shift)).toEqual(action);
  });
});

describe('displayedBox', () => {
  it('a quarter turn swaps width and height, zoom scales both', () => {
    expect(displayedBox({ zoom: 1, rotation: 0 }, 720, 540)).toEqual({ width: 720, height: 540 });
    expect(displayedBox({ zoom: 2, rotation: 90 }, 720, 540)).toEqual({ width: 1080, height: 1440 });
    expect(displayedBox({ zoom: 0.5, rotation: 180 }, 720, 540)).toEqual({ width: 360, height: 270 });
  });
});
