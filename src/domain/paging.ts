/** Which rows of an ordered list to read: the lists staff page through take one of these. */
export interface RowWindow {
  skip: number;
  take: number;
}
