/** Why an import stopped as a whole (not a row): Chinese messages shown to the user as they are. */
import type { AlikeStop } from '@/lib/domain/import-stop';

/** A problem with the file as a whole (no data rows, …). */
export class ImportFileError extends Error {}

/** The header could not be settled (not found, or a question only the user can answer). */
export class ImportHeaderError extends ImportFileError {}

/** Rows failed alike (lib/domain/import-stop.ts): nothing was written. */
export class ImportStoppedError extends Error {
  constructor(readonly stop: AlikeStop) {
    super(stop.message);
  }
}
