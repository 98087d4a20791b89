// The part of shpjs the importer uses (the package ships no types). Without a projection the
// coordinates come back as the file holds them.
declare module 'shpjs' {
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): unknown[];
}
