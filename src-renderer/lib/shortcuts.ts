export type AreaId = 'screen' | 'waveform' | 'memory' | 'library';

export const AREAS: readonly { id: AreaId; title: string; key: string }[] = [
  { id: 'screen', title: 'Screen', key: '1' },
  { id: 'waveform', title: 'Waveform', key: '2' },
  { id: 'memory', title: 'Memory', key: '3' },
  { id: 'library', title: 'Library', key: '4' },
];

export type ShortcutAction =
  { kind: 'toggle-help' } | { kind: 'escape' } | { kind: 'maximize'; area: AreaId } | { kind: 'open-tape' };

export interface Shortcut {
  keys: string;
  description: string;
  matches(event: KeyboardEvent): boolean;
  action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: 'F1 or ?',
    description: 'Show or hide this help',
    matches: (e) => e.key === 'F1' || (e.key === '?' && !isTyping(e)),
    action: { kind: 'toggle-help' },
  },
  {
    keys: 'Esc',
    description: 'Close help; restore a maximized area',
    matches: (e) => e.key === 'Escape',
    action: { kind: 'escape' },
  },
  ...AREAS.map((area): Shortcut => ({
    keys: `Alt+${area.key}`,
    description: `Maximize or restore the ${area.title} area`,
    matches: (e) => e.altKey && !e.ctrlKey && !e.metaKey && e.code === `Digit${area.key}`,
    action: { kind: 'maximize', area: area.id },
  })),
  {
    keys: 'Ctrl+O',
    description: 'Open a tape recording',
    matches: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'o',
    action: { kind: 'open-tape' },
  },
];

function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return (
    !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}

/** While the Screen has the keyboard, keys go to the Superboard; only F1 and Alt shortcuts stay the app's. */
function capturedByScreen(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return !!target?.closest?.('[data-keyboard-capture]') && event.key !== 'F1' && !event.altKey;
}

export function findShortcut(event: KeyboardEvent): Shortcut | undefined {
  if (capturedByScreen(event)) return undefined;
  return SHORTCUTS.find((shortcut) => shortcut.matches(event));
}
