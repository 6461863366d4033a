import type { CpuBus } from '../cpu/cpu6502.ts';
import type { Device } from './device.ts';

// Ordered so that one comparison (kind <= WATCHED) selects the pages read straight from memory.
const RAM = 0;
const ROM = 1;
const WATCHED = 2;
const DEVICE = 3;
const UNMAPPED = 4;

export type PageKind = 'ram' | 'rom' | 'watched-ram' | 'device' | 'unmapped';
const KIND_NAMES: readonly PageKind[] = ['ram', 'rom', 'watched-ram', 'device', 'unmapped'];

/**
 * What an unmapped read returns. On the board the data bus floats and usually still holds the last byte
 * fetched, which for absolute and indirect addressing is the high byte of the address ('address-high').
 * Either way a write never reads back, so BASIC's memory probe stops at the end of RAM.
 */
export type UnmappedRead = 'address-high' | number;

/** Sees every CPU access when installed (debug loop only). */
export interface BusTap {
  afterRead(addr: number, value: number): void;
  afterWrite(addr: number, value: number): void;
}

/**
 * The 64K address space as a 256-entry page table. RAM and ROM pages are served straight from one
 * Uint8Array; devices claim whole pages and decode the address themselves.
 */
export class Bus implements CpuBus {
  readonly memory = new Uint8Array(0x10000);
  private readonly kinds = new Uint8Array(256).fill(UNMAPPED);
  private readonly devices: (Device | undefined)[] = new Array<Device | undefined>(256).fill(undefined);
  private unmappedConstant = -1;
  private tapInstalled: BusTap | null = null;

  constructor(unmappedRead: UnmappedRead = 'address-high') {
    this.setUnmappedRead(unmappedRead);
  }

  // The CPU's bus cycles. Prototype methods (not per-instance closures) keep the CPU's call sites
  // monomorphic when a worker builds a new machine (other ROMs, RAM size), so the JIT keeps them fast.
  read(addr: number): number {
    const value = this.readFast(addr);
    if (this.tapInstalled !== null) this.tapInstalled.afterRead(addr, value);
    return value;
  }

  write(addr: number, value: number): void {
    this.writeFast(addr, value);
    if (this.tapInstalled !== null) this.tapInstalled.afterWrite(addr, value);
  }

  setUnmappedRead(mode: UnmappedRead): void {
    if (mode !== 'address-high' && (!Number.isInteger(mode) || mode < 0 || mode > 0xff)) {
      throw new RangeError(`unmapped read value must be 'address-high' or a byte, got ${String(mode)}`);
    }
    this.unmappedConstant = mode === 'address-high' ? -1 : mode;
  }

  get unmappedRead(): UnmappedRead {
    return this.unmappedConstant < 0 ? 'address-high' : this.unmappedConstant;
  }

  mapRam(firstPage: number, pageCount: number): void {
    this.setPages(firstPage, pageCount, RAM, undefined);
  }

  /** Copies `bytes` (a whole number of pages) to `base` and makes those pages read-only. */
  mapRom(base: number, bytes: Uint8Array): void {
    if (
      (base & 0xff) !== 0 ||
      bytes.length % 256 !== 0 ||
      bytes.length === 0 ||
      base + bytes.length > 0x10000
    ) {
      throw new RangeError(
        `ROM of ${bytes.length} bytes at $${base.toString(16)} must be whole pages inside the address space`,
      );
    }
    this.memory.set(bytes, base);
    this.setPages(base >> 8, bytes.length >> 8, ROM, undefined);
  }

  mapDevice(firstPage: number, pageCount: number, device: Device): void {
    this.setPages(firstPage, pageCount, DEVICE, device);
  }

  /**
   * RAM that the CPU reads straight from `memory` but writes through `device`, which must keep its bytes in
   * that part of `memory` (video RAM: fast reads, dirty tracking on writes).
   */
  mapWatchedRam(firstPage: number, pageCount: number, device: Device): void {
    this.setPages(firstPage, pageCount, WATCHED, device);
  }

  unmap(firstPage: number, pageCount: number): void {
    this.setPages(firstPage, pageCount, UNMAPPED, undefined);
  }

  pageKind(page: number): PageKind {
    return KIND_NAMES[this.kinds[page & 0xff] ?? UNMAPPED] ?? 'unmapped';
  }

  deviceAt(page: number): Device | undefined {
    return this.devices[page & 0xff];
  }

  /** The value a read would return, with no side effect on any device. */
  peek(addr: number): number {
    const page = (addr >> 8) & 0xff;
    const kind = this.kinds[page] as number;
    if (kind <= WATCHED) return this.memory[addr & 0xffff] ?? 0;
    if (kind === DEVICE) return (this.devices[page] as Device).peek(addr & 0xffff);
    return this.unmapped(addr);
  }

  peekRange(start: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.peek((start + i) & 0xffff);
    return out;
  }

  /** A write from outside the CPU (debugger, loader): same effect as a CPU write but never tapped. */
  poke(addr: number, value: number): void {
    this.writeFast(addr & 0xffff, value & 0xff);
  }

  /** Installs or removes the debug tap, which then sees every CPU access. */
  setTap(tap: BusTap | null): void {
    this.tapInstalled = tap;
  }

  get tap(): BusTap | null {
    return this.tapInstalled;
  }

  private readFast(addr: number): number {
    const kind = this.kinds[addr >> 8] as number;
    if (kind <= WATCHED) return this.memory[addr] as number;
    if (kind === DEVICE) return (this.devices[addr >> 8] as Device).read(addr);
    return this.unmapped(addr);
  }

  private writeFast(addr: number, value: number): void {
    const kind = this.kinds[addr >> 8];
    if (kind === RAM) this.memory[addr] = value;
    else if (kind === DEVICE || kind === WATCHED) (this.devices[addr >> 8] as Device).write(addr, value);
  }

  private unmapped(addr: number): number {
    return this.unmappedConstant < 0 ? (addr >> 8) & 0xff : this.unmappedConstant;
  }

  private setPages(firstPage: number, pageCount: number, kind: number, device: Device | undefined): void {
    if (!Number.isInteger(firstPage) || !Number.isInteger(pageCount) || firstPage < 0 || pageCount < 1) {
      throw new RangeError(`bad page range ${firstPage}+${pageCount}`);
    }
    if (firstPage + pageCount > 256)
      throw new RangeError(`page range ${firstPage}+${pageCount} passes $FFFF`);
    for (let page = firstPage; page < firstPage + pageCount; page++) {
      this.kinds[page] = kind;
      this.devices[page] = device;
    }
  }
}
