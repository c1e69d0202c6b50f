/** Cells: the cell map in the registry, its pins, and what each cell serves. */

export { CellMapError, type CellMapErrorCode } from './errors.ts';
export { type CellPin, cellMapOf, type PinCellKeyOptions, pinCellKey } from './pin-cell-key.ts';
export { type CellReport, type ReadCellReportOptions, readCellReport } from './read-cell-report.ts';
