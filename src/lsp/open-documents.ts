/**
 * How many open documents the language server holds, and how much text: a client may open documents endlessly
 * (3,000 of 4 KB took 215 MB), and an editor session, tens of files, some large, is far below the bounds
 * ({@link OPEN_BOUNDS}); and how much a change may cost to apply. A document whose opening, or a change to which,
 * would take the documents held past them, or a change to which would copy more than a change may, is
 * not held (one held is let go, as if the client had closed it), and the client is told (`refused`: the server says
 * it in its log and in a finding on the document, so that no silence reads as a clean file); the client's requests on
 * it are answered as on a document it never opened, and its changes are not read, until it is opened again.
 */
import type {
  DidCloseTextDocumentParams,
  NotificationHandler,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver/node.js";
import { DEFAULT_MAX_BYTES } from "../parse/parse-pipeline.ts";
import type { DocumentEvents } from "./notifications.ts";

/** The most the server holds of the documents a client has open. */
export interface OpenBounds {
  /** Documents open at once. */
  readonly documents: number;
  /** Characters of the open documents' texts and URIs, added up. */
  readonly characters: number;
  /**
   * Characters a change may copy: the text document library copies the whole text at each edit of a change, so a
   * change of 50,000 edits to a document of 1.5 M characters held the server for minutes.
   */
  readonly copied: number;
}

/**
 * Ten thousand documents, twice the largest text parse reads (64 Mi characters), and 512 Mi characters copied by a
 * change (about a second: 1,000 edits at once, by as many cursors, to a document of 500 K characters).
 */
export const OPEN_BOUNDS: OpenBounds = { documents: 10_000, characters: 2 * DEFAULT_MAX_BYTES, copied: 2 ** 29 };

/** What the bounds read of the server's document store, and tell it. */
export interface DocumentStore {
  /** The characters of a document held (its text and URI); undefined when it is not held. */
  readonly sizeOf: (uri: string) => number | undefined;
  /**
   * A document is not held: its opening or a change to it would take the documents held past the bounds (`why`, with
   * what the user may do about it).
   */
  readonly refused: (uri: string, why: string) => void;
  /** A document not held was closed (one refused, maybe, with a finding that says so). */
  readonly closedUnheld: (uri: string) => void;
}

/** The document events `events` gives, for a store that holds documents within `bounds`. */
export function boundedDocumentEvents(
  events: DocumentEvents,
  bounds: OpenBounds,
  { sizeOf, refused, closedUnheld }: DocumentStore,
): DocumentEvents {
  const held = { documents: 0, characters: 0 };
  // the store's own handler of a close: what lets go of a document held
  const store: { close?: NotificationHandler<DidCloseTextDocumentParams> } = {};
  /** Runs what may change the document of `uri` (its size `before`), and counts the change. */
  const counted = (uri: string, before: number | undefined, run: () => void) => {
    run();
    const after = sizeOf(uri);
    held.documents += (after === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
    held.characters += (after ?? 0) - (before ?? 0);
  };
  const beyond = (documents: number, characters: number): string | undefined => {
    const why =
      documents > bounds.documents
        ? `more than ${bounds.documents} documents would be open, the most hangar holds`
        : characters > bounds.characters
          ? `the open documents would hold ${characters} characters, more than the ${bounds.characters} hangar holds`
          : undefined;
    return why === undefined ? undefined : `${why}; close documents, then close this one and open it again`;
  };
  /** Why applying `changes` to a text of `length` characters would copy more than the bounds let it, if it would. */
  const costly = (changes: readonly TextDocumentContentChangeEvent[], length: number): string | undefined => {
    const edits = changes.filter((change) => "range" in change).length;
    // a text given whole in the change, larger, is copied by the edits after it
    const largest = changes.reduce((most, change) => Math.max(most, change.text.length), length);
    return edits * largest > bounds.copied
      ? `a change of ${edits} edits to a document of ${largest} characters would copy more than the ${bounds.copied} characters hangar copies for one (the text, at each edit); close it and open it again`
      : undefined;
  };
  const refuse = (uri: string, why: string) => {
    const before = sizeOf(uri);
    if (before !== undefined) counted(uri, before, () => store.close?.({ textDocument: { uri } }));
    refused(uri, why);
  };
  return {
    ...events,
    onDidOpenTextDocument: (handler) =>
      events.onDidOpenTextDocument((params) => {
        const { uri, text } = params.textDocument;
        const before = sizeOf(uri);
        // opened again without a close: its text replaces the one held
        const why = beyond(
          held.documents + (before === undefined ? 1 : 0),
          held.characters - (before ?? 0) + uri.length + text.length,
        );
        if (why === undefined) counted(uri, before, () => handler(params));
        else refuse(uri, why);
      }),
    onDidChangeTextDocument: (handler) =>
      events.onDidChangeTextDocument((params) => {
        const { uri } = params.textDocument;
        const before = sizeOf(uri);
        const tooCostly = before === undefined ? undefined : costly(params.contentChanges, before - uri.length);
        if (tooCostly !== undefined) {
          refuse(uri, tooCostly);
          return;
        }
        counted(uri, before, () => handler(params));
        const why = beyond(held.documents, held.characters);
        if (why !== undefined) refuse(uri, why);
      }),
    onDidCloseTextDocument: (handler) => {
      store.close = handler;
      return events.onDidCloseTextDocument((params) => {
        const { uri } = params.textDocument;
        const before = sizeOf(uri);
        counted(uri, before, () => handler(params));
        if (before === undefined) closedUnheld(uri);
      });
    },
  };
}
