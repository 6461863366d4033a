; The stable undocumented NMOS 6502 opcodes of the opcode table, checked by the program itself (see
; check.asm): LAX, SAX, DCP, ISC, SLO, RLA, SRE, RRA, ANC, ALR, ARR (binary mode), SBX, SBC $EB and the
; NOP variants. Runs on a bare 64K RAM bus from `start`; ends at `pass` or `fail`.

P = $34                 ; status as PHP pushes it with I set: B, bit 5 and I
N = $80
V = $40
Z = $02
C = $01

        .org $0020
        .byte $11, $22, $80
        .org $0030
        .word $0300, $04F0, $0310, $0330
        .org $0300
        .byte $12, $34, $56, $80
        .org $0500
        .byte $5A

        .org $1000
start:  cld
        sei
        ldx #$FF
        txs
        lda #0
        sta testnum
        clc
        clv

; ---- LAX: A and X from memory
        ldy #0
        lax $22
        jsr check
        .byte $80, $80, 0, P|N
        lax $0301
        jsr check
        .byte $34, $34, 0, P
        ldy #3
        lax $0300,y
        jsr check
        .byte $80, $80, 3, P|N
        ldy #2
        lax $20,y
        jsr check
        .byte $80, $80, 2, P|N
        ldy #$10
        lax ($32),y
        jsr check
        .byte $5A, $5A, $10, P
        ldx #4
        lax ($2C,x)
        jsr check
        .byte $12, $12, $10, P

; ---- SAX: memory = A AND X, no flags
        ldy #0
        lda #$F0
        ldx #$3C
        sax $40
        ldy #1
        sax $40,y
        sax $0340
        ldx #6
        sax ($30,x)             ; pointer at $36 -> $0330: $F0 AND $06 = 0
        lda $40
        ldx $41
        ldy $0340
        jsr check
        .byte $30, $30, $30, P
        lda $0330
        jsr check
        .byte 0, $30, $30, P|Z

; ---- read-modify-write combinations
        lda #$10
        sta $41
        lda #$0F
        ldx #0
        ldy #0
        dcp $41                 ; M = $0F, then CMP
        jsr check
        .byte $0F, 0, 0, P|Z|C
        lda $41
        jsr check
        .byte $0F, 0, 0, P|C

        lda #$0F
        sta $0352
        ldx #2
        lda #$20
        sec
        isc $0350,x             ; M = $10, then SBC: $20 - $10
        jsr check
        .byte $10, 2, 0, P|C
        lda $0352
        jsr check
        .byte $10, 2, 0, P|C

        lda #$81
        sta $0343
        lda #$40
        slo $0343               ; M = $02, C from bit 7, then ORA
        jsr check
        .byte $42, 2, 0, P|C
        lda $0343
        jsr check
        .byte $02, 2, 0, P|C

        lda #$81
        sta $44
        ldx #1
        sec
        lda #$FF
        rla $43,x               ; M = $03 (carry in), C = 1, then AND
        jsr check
        .byte $03, 1, 0, P|C
        lda $44
        jsr check
        .byte $03, 1, 0, P|C

        lda #$81
        sta $0345
        ldy #5
        lda #$FF
        sre $0340,y             ; M = $40, C = 1, then EOR
        jsr check
        .byte $BF, 1, 5, P|N|C
        lda $0345
        jsr check
        .byte $40, 1, 5, P|C

        lda #$03
        sta $0330
        ldx #6
        clc
        lda #$10
        rra ($30,x)             ; M = $01, C = 1, then ADC: $10 + $01 + 1
        jsr check
        .byte $12, 6, 5, P
        lda $0330
        jsr check
        .byte $01, 6, 5, P

        lda #$7F
        sta $0331
        ldy #1
        lda #$00
        dcp ($36),y             ; M = $7E; 0 - $7E borrows
        jsr check
        .byte 0, 6, 1, P|N
        ldx #3
        lda #$FF
        sta $0343
        sec
        lda #$05
        isc $0340,x             ; M = $00; $05 - 0
        jsr check
        .byte $05, 3, 1, P|C
        lda $0343
        jsr check
        .byte 0, 3, 1, P|Z|C

; ---- immediate combinations
        ldx #0
        ldy #0
        lda #$FF
        anc #$80                ; C copies N
        jsr check
        .byte $80, 0, 0, P|N|C
        lda #$FF
        anc #$7F
        jsr check
        .byte $7F, 0, 0, P
        lda #$FF
        alr #$03                ; AND then LSR
        jsr check
        .byte $01, 0, 0, P|C
        sec
        lda #$FF
        arr #$C0                ; AND then ROR; C = bit 6, V = bit 6 XOR bit 5
        jsr check
        .byte $E0, 0, 0, P|N|C
        clc
        lda #$FF
        arr #$40
        jsr check
        .byte $20, 0, 0, P|V
        clv
        lda #$F0
        ldx #$3C
        sbx #$10                ; X = (A AND X) - $10, flags as CMP
        jsr check
        .byte $F0, $20, 0, P|C
        ldx #$0F
        sbx #$10
        jsr check
        .byte $F0, $F0, 0, P|N
        sec
        lda #$10
        .byte $EB, $05          ; SBC #$05 through the undocumented opcode
        jsr check
        .byte $0B, $F0, 0, P|C

; ---- NOPs of every length change nothing
        lda #$5A
        ldx #$A5
        ldy #$3C
        sec
        .byte $1A               ; NOP implied
        nop #$55
        nop $10
        nop $10,x
        nop $1234
        nop $1234,x
        jsr check
        .byte $5A, $A5, $3C, P|C

        jmp pass

        .include "check.asm"
