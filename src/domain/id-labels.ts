/** What people read for the ids the data holds: area and service (category) labels. */
export interface IdLabels {
  area(id: string): string;
  category(id: string): string;
}
