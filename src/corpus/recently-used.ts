/**
 * A map that keeps the entries used lately and forgets the rest, in bounded memory: entries live in a
 * young generation, and when it fills it becomes the old one (the previous old one dropped); an entry
 * found in the old generation moves back to the young. At most twice `capacity` entries are held, and
 * every entry used within the last `capacity` insertions is among them.
 */
export class RecentlyUsed<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aging = this.old.get(key);
    if (aging !== undefined) {
      this.old.delete(key);
      this.set(key, aging);
    }
    return aging;
  }

  set(key: string, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
