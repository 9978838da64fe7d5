/**
 * What a request builder does with content its target format has no place for (ADR 0009):
 * its text when it has some, else it is dropped with a warning; the request is refused
 * only when a turn's whole content was binary that had to be dropped (sending the turn
 * empty, or without it, would change what the user asked).
 */
import type { TextPart } from '../canonical/types.js';
import type { Warnings } from '../canonical/warnings.js';
import { UnsupportedContentError } from '../codec-error.js';

export interface Unplaceable {
  /** The block's type name (`document`, `input_audio`, ...). */
  kind: string;
  text?: string | undefined;
  binary: boolean;
  origin?: string | undefined;
  /** Why it has no place, when more specific than "not supported" (e.g. "a PDF by URL"). */
  what?: string;
}

export interface TurnLowering {
  /** Counts content the target keeps. */
  keep(): void;
  /** A part with no place in the target: its text (warned as lossy), or nothing (warned as dropped). */
  lower(part: Unplaceable): TextPart | undefined;
  /** Ends the turn: throws when all of it was binary that had to be dropped. */
  end(): void;
}

export function lowerTurn(target: string, w: Warnings): TurnLowering {
  let kept = 0;
  let droppedBinary: Unplaceable | undefined;
  return {
    keep() {
      kept += 1;
    },
    lower(part) {
      const what = part.what ?? `${part.kind} blocks`;
      if (part.text !== undefined && part.text !== '') {
        w.add('lossy-mapping', part.kind, `${target} has no place for ${what}; sent as text`);
        kept += 1;
        return { type: 'text', text: part.text };
      }
      w.add('unsupported-content', part.kind, `${target} has no place for ${what}; dropped`);
      if (part.binary && !droppedBinary) droppedBinary = part;
      return undefined;
    },
    end() {
      if (kept === 0 && droppedBinary) throw new UnsupportedContentError(droppedBinary.origin ?? 'a message', droppedBinary.what ?? droppedBinary.kind, target);
    },
  };
}
