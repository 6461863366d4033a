; Superboard Lab Monitor: an original 2K monitor ROM for the Ohio Scientific Superboard II ($F800-$FFFF).
; It keeps the SYN600 interface that BASIC and 65V tapes rely on (reset at $FF00, the jump table at
; $FFEB-$FFF9, the RAM vectors at $0218-$0221, the LOAD/SAVE flags, the config bytes at $FFE0-$FFE2).
; See docs/lab-monitor.md.

; ---- Hardware -------------------------------------------------------------------------------------------
VIDEO     = $D000             ; 32 x 32 video RAM, cell (row, col) at VIDEO + 32*row + col
KBD       = $DF00             ; write: row select (bit n clear = row n), read: columns (0 = key down)
ACIA_CTL  = $F000             ; MC6850 control (write) / status (read)
ACIA_DATA = $F001
RDRF      = $01               ; status: a received byte is waiting
TDRE      = $02               ; status: the transmitter can take a byte
BASIC_ROM = $A000
BASIC_COLD = $BD11
BASIC_WARM = $0000
BASIC_BREAK = $A636           ; OSI BASIC 1.0 rev 3.2: CMP #3 after its JSR to the monitor's Ctrl-C check

; ---- Screen window (the conventional visible area) ---------------------------------------------------
CURSOR_START = $65            ; first visible cell of a line: row 3, column 5
LINE_WIDTH   = 24
VIDEO_SIZE   = 0              ; $FFE2 video size code: 0 = the 1K 32 x 32 screen of the model 600
TOP_ROW      = CURSOR_START / 32
BOTTOM_ROW   = 27
LINE         = VIDEO + BOTTOM_ROW * 32 + (CURSOR_START & 31)   ; output line, scrolled upward
CURSOR_CHAR  = $A1            ; solid block
DEBOUNCE     = 12             ; identical scans before a key counts
NULS_AFTER_CR = 10            ; SAVE: NULs after each CR so BASIC can digest the line on LOAD

; ---- RAM (page 2 is shared with BASIC, as on SYN600; $0203/$0205/$0218-$0221 are interface) ----------
CURCOL    = $0200             ; cursor column in the output line
KEYLAST   = $0201             ; key code seen by the latest scan (0 = none)
KEYCOUNT  = $0202             ; consecutive scans that saw KEYLAST
LOADFLAG  = $0203             ; non-zero: BASIC input comes from the ACIA
KEYDONE   = $0204             ; key already delivered, waiting for it to change
SAVEFLAG  = $0205             ; non-zero: output also goes to the ACIA
RESERVED6 = $0206             ; zeroed at reset
MODS      = $0207             ; row 0 (modifier keys) during key decoding
TEMP      = $0208
MONSRC    = $0209             ; non-zero: the 65V monitor reads the ACIA (L command)
MMODE     = $020A             ; 65V monitor: 0 = address mode, $FF = data mode
RESERVED12 = $0212            ; zeroed at reset
VEC_INPUT = $0218             ; JMP ($0218) at $FFEB
VEC_OUTPUT = $021A            ; JMP ($021A) at $FFEE
VEC_CTRLC = $021C             ; JMP ($021C) at $FFF1
VEC_LOAD  = $021E             ; JMP ($021E) at $FFF4
VEC_SAVE  = $0220             ; JMP ($0220) at $FFF7
NMI_RAM   = $0130             ; NMI handler in RAM (vector at $FFFA)
IRQ_RAM   = $01C0             ; IRQ/BRK handler in RAM (vector at $FFFE)
STACK_TOP = $28               ; S at reset, below the page 1 handlers
MADDR     = $FE               ; 65V monitor current address (zero page, used only in the monitor)

CR = $0D
LF = $0A

          .org $F800
          .include "screen.asm"
          .include "keyboard.asm"
          .include "serial.asm"
          .include "monitor.asm"

; ---- Reset ----------------------------------------------------------------------------------------------
          .org $FF00
reset:    cld
          ldx #STACK_TOP
          txs
          ldx #9
@vectors: lda default_vectors,x
          sta VEC_INPUT,x
          dex
          bpl @vectors
          lda #$03              ; ACIA master reset
          sta ACIA_CTL
          lda #$11              ; divide by 16, 8 data bits, no parity, 2 stop bits: 300 baud
          sta ACIA_CTL
          lda #0
          sta LOADFLAG
          sta SAVEFLAG
          sta RESERVED6
          sta RESERVED12
          sta MONSRC
          sta KEYLAST
          sta KEYCOUNT
          sta KEYDONE
          lda #$40              ; RTI until a program installs its own handlers
          sta NMI_RAM
          sta IRQ_RAM
          jsr clear_screen
          jmp boot_menu

default_vectors:
          .word basic_input, screen_output, ctrl_c_check, basic_load, basic_save

; ---- Configuration bytes read by BASIC ------------------------------------------------------------------
          .org $FFE0
          .byte CURSOR_START, LINE_WIDTH - 1, VIDEO_SIZE

; ---- The SYN600 jump table ------------------------------------------------------------------------------
          .org $FFEB
          jmp (VEC_INPUT)
          jmp (VEC_OUTPUT)
          jmp (VEC_CTRLC)
          jmp (VEC_LOAD)
          jmp (VEC_SAVE)

          .org $FFFA
          .word NMI_RAM, reset, IRQ_RAM
