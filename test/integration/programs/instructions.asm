; Every documented NMOS 6502 instruction in every addressing mode, each result checked by the program
; itself (see check.asm). Runs on a bare 64K RAM bus from `start`; ends at `pass` or `fail`.

P = $34                 ; status as PHP pushes it with I set: B, bit 5 and I
N = $80
V = $40
D = $08
I = $04
Z = $02
C = $01

; ---- data (loaded with the program) --------------------------------------------------------------------
        .org $0020
        .byte $11, $22, $80, $01, $FF, $00, $40, $7F, $C0, $0F
        .org $0030
        .word $0300, $04F0, $0310, $0330
        .org $0200
        .byte >jmp_ind_target   ; the high byte JMP ($02FF) really fetches
        .org $02FF
        .byte <jmp_ind_target
        .org $0300
        .byte $12, $34, $56, $80, $FF, $00, $0F, $F0
        .org $0310
        .byte $99, $66
        .org $0500
        .byte $5A, $A5
        .org $FFFE
        .word brk_handler

        .org $1000
start:  cld
        sei
        ldx #$FF
        txs
        lda #0
        sta testnum

; ---- loads ----------------------------------------------------------------------------------------------
        ldx #0
        ldy #0
        lda #$80
        jsr check
        .byte $80, 0, 0, P|N
        lda #0
        jsr check
        .byte 0, 0, 0, P|Z
        lda $20
        jsr check
        .byte $11, 0, 0, P
        ldx #2
        lda $20,x
        jsr check
        .byte $80, 2, 0, P|N
        ldx #$30
        lda $F0,x               ; zero page,X wraps within page zero: $20
        jsr check
        .byte $11, $30, 0, P
        lda $0301
        jsr check
        .byte $34, $30, 0, P
        ldx #$10
        lda $04F0,x             ; crosses into page 5
        jsr check
        .byte $5A, $10, 0, P
        ldy #3
        lda $0300,y
        jsr check
        .byte $80, $10, 3, P|N
        ldx #4
        lda ($2C,x)             ; pointer at $30 -> $0300
        jsr check
        .byte $12, 4, 3, P
        ldy #$10
        lda ($32),y             ; $04F0 + $10 = $0500
        jsr check
        .byte $5A, 4, $10, P

        lda #0
        ldy #0
        ldx #$FF
        jsr check
        .byte 0, $FF, 0, P|N
        ldx $25
        jsr check
        .byte 0, 0, 0, P|Z
        ldy #2
        ldx $20,y
        jsr check
        .byte 0, $80, 2, P|N
        ldx $0301
        jsr check
        .byte 0, $34, 2, P
        ldy #$11
        ldx $04F0,y
        jsr check
        .byte 0, $A5, $11, P|N

        ldx #0
        ldy #$7F
        jsr check
        .byte 0, 0, $7F, P
        ldy $23
        jsr check
        .byte 0, 0, 1, P
        ldx #7
        ldy $20,x
        jsr check
        .byte 0, 7, $7F, P
        ldy $0305
        jsr check
        .byte 0, 7, 0, P|Z
        ldx #$11
        ldy $04F0,x
        jsr check
        .byte 0, $11, $A5, P|N

; ---- stores ---------------------------------------------------------------------------------------------
        lda #$C3
        ldx #1
        ldy #2
        sta $40
        sta $40,x
        sta $0340
        sta $0340,x
        sta $0340,y
        ldx #6
        sta ($30,x)             ; pointer at $36 -> $0330
        ldy #1
        sta ($36),y             ; $0331
        lda #0
        ora $40
        and $41
        and $0340
        and $0341
        and $0342
        and $0330
        and $0331
        jsr check
        .byte $C3, 6, 1, P|N

        ldx #$3C
        ldy #$5D
        stx $42
        sty $43
        stx $0344
        sty $0345
        ldy #4
        stx $40,y               ; $44
        ldx #5
        ldy #$5D
        sty $40,x               ; $45
        lda $42
        jsr check
        .byte $3C, 5, $5D, P
        lda $43
        jsr check
        .byte $5D, 5, $5D, P
        lda $0344
        jsr check
        .byte $3C, 5, $5D, P
        lda $0345
        jsr check
        .byte $5D, 5, $5D, P
        lda $44
        jsr check
        .byte $3C, 5, $5D, P
        lda $45
        jsr check
        .byte $5D, 5, $5D, P

; ---- transfers, stack pointer, increments -------------------------------------------------------------
        lda #$81
        ldx #0
        ldy #0
        tax
        jsr check
        .byte $81, $81, 0, P|N
        tay
        jsr check
        .byte $81, $81, $81, P|N
        lda #0
        txa
        jsr check
        .byte $81, $81, $81, P|N
        ldy #0
        tya
        jsr check
        .byte 0, $81, 0, P|Z
        tsx
        jsr check
        .byte 0, $FF, 0, P|N
        ldx #$80
        txs
        ldx #0
        tsx
        jsr check
        .byte 0, $80, 0, P|N
        ldx #$FF
        txs                     ; TXS sets no flags
        lda #1
        ldx #$FF
        inx
        jsr check
        .byte 1, 0, 0, P|Z
        dex
        jsr check
        .byte 1, $FF, 0, P|N
        ldy #$7F
        iny
        jsr check
        .byte 1, $FF, $80, P|N
        dey
        jsr check
        .byte 1, $FF, $7F, P

        lda #$FF
        sta $50
        sta $0350
        ldx #1
        sta $50,x
        sta $0350,x
        inc $50
        jsr load50
        .byte 0, 1, 0, P|Z
        dec $50
        jsr load50
        .byte $FF, 1, 0, P|N
        inc $50,x
        lda $51
        ldy #0
        jsr check
        .byte 0, 1, 0, P|Z
        dec $0350
        lda $0350
        jsr check
        .byte $FE, 1, 0, P|N
        inc $0350,x
        lda $0351
        jsr check
        .byte 0, 1, 0, P|Z
        dec $50,x
        dec $50,x
        lda $51
        jsr check
        .byte $FE, 1, 0, P|N
        dec $0350,x
        lda $0351
        jsr check
        .byte $FF, 1, 0, P|N
        inc $0350
        lda $0350
        jsr check
        .byte $FF, 1, 0, P|N
        jmp arithmetic

load50: ldy #0
        lda $50
        jmp check

; ---- ADC and SBC (binary) ------------------------------------------------------------------------------
arithmetic:
        ldx #0
        ldy #0
        lda #$50
        clc
        adc #$50
        jsr check
        .byte $A0, 0, 0, P|N|V
        lda #$FF
        sec
        adc #$00
        jsr check
        .byte 0, 0, 0, P|Z|C
        lda #$D0
        clc
        adc #$90
        jsr check
        .byte $60, 0, 0, P|V|C
        lda #$01
        clc
        adc $20
        jsr check
        .byte $12, 0, 0, P
        ldx #3
        lda #$FF
        clc
        adc $20,x               ; $01
        jsr check
        .byte 0, 3, 0, P|Z|C
        lda #1
        sec
        adc $0301               ; $34
        jsr check
        .byte $36, 3, 0, P
        ldx #$11
        clc
        adc $04F0,x             ; $A5
        jsr check
        .byte $DB, $11, 0, P|N
        ldy #6
        clc
        lda #$01
        adc $0300,y             ; $0F
        jsr check
        .byte $10, $11, 6, P
        ldx #4
        clc
        adc ($2C,x)             ; $12
        jsr check
        .byte $22, 4, 6, P
        ldy #$10
        clc
        adc ($32),y             ; $5A
        jsr check
        .byte $7C, 4, $10, P

        lda #$50
        sec
        sbc #$F0
        jsr check
        .byte $60, 4, $10, P
        lda #$50
        sec
        sbc #$B0
        jsr check
        .byte $A0, 4, $10, P|N|V
        lda #$05
        sec
        sbc #$05
        jsr check
        .byte 0, 4, $10, P|Z|C
        lda #$05
        clc
        sbc #$03
        jsr check
        .byte 1, 4, $10, P|C
        lda #$20
        sec
        sbc $20                 ; $11
        jsr check
        .byte $0F, 4, $10, P|C
        ldx #2
        lda #$00
        sec
        sbc $20,x               ; $80: 0 - (-128) overflows
        jsr check
        .byte $80, 2, $10, P|N|V
        lda #$40
        sec
        sbc $0302               ; $56
        jsr check
        .byte $EA, 2, $10, P|N
        ldx #$10
        lda #$60
        sec
        sbc $04F0,x             ; $5A
        jsr check
        .byte $06, $10, $10, P|C
        ldy #7
        lda #$F0
        sec
        sbc $0300,y             ; $F0
        jsr check
        .byte 0, $10, 7, P|Z|C
        ldx #8
        lda #$13
        sec
        sbc ($2C,x)             ; pointer at $34 -> $0310: $99
        jsr check
        .byte $7A, 8, 7, P
        ldy #$11
        lda #$A5
        sec
        sbc ($32),y             ; $0501: $A5
        jsr check
        .byte 0, 8, $11, P|Z|C

; ---- logic ---------------------------------------------------------------------------------------------
        ldx #0
        ldy #0
        clc
        lda #$F0
        and #$3C
        jsr check
        .byte $30, 0, 0, P
        lda #$F0
        ora #$0F
        jsr check
        .byte $FF, 0, 0, P|N
        lda #$FF
        eor #$FF
        jsr check
        .byte 0, 0, 0, P|Z
        lda #$FF
        and $20
        jsr check
        .byte $11, 0, 0, P
        ldx #1
        ora $20,x               ; $22
        jsr check
        .byte $33, 1, 0, P
        eor $0301               ; $34
        jsr check
        .byte $07, 1, 0, P
        ldx #$10
        ora $04F0,x             ; $5A
        jsr check
        .byte $5F, $10, 0, P
        ldy #3
        and $0300,y             ; $80
        jsr check
        .byte 0, $10, 3, P|Z
        ldx #4
        eor ($2C,x)             ; $12
        jsr check
        .byte $12, 4, 3, P
        ldy #$11
        ora ($32),y             ; $A5
        jsr check
        .byte $B7, 4, $11, P|N
        and #$0F
        ldx #2
        eor $20,x               ; $80
        jsr check
        .byte $87, 2, $11, P|N
        ldy #7
        ora $0300,y             ; $F0
        jsr check
        .byte $F7, 2, 7, P|N
        ldx #$11
        and $04F0,x             ; $A5
        jsr check
        .byte $A5, $11, 7, P|N
        ldx #4
        and ($2C,x)             ; $12
        jsr check
        .byte 0, 4, 7, P|Z
        ldy #$10
        eor ($32),y             ; $5A
        jsr check
        .byte $5A, 4, $10, P
        ora $0306               ; $0F
        jsr check
        .byte $5F, 4, $10, P
        and $0300               ; $12
        jsr check
        .byte $12, 4, $10, P
        eor $21                 ; $22
        jsr check
        .byte $30, 4, $10, P
        ora $25                 ; $00
        jsr check
        .byte $30, 4, $10, P
        ldx #0
        eor $20,x               ; $11
        jsr check
        .byte $21, 0, $10, P
        ldy #0
        eor $0300,y             ; $12
        jsr check
        .byte $33, 0, 0, P
        ldx #$10
        eor $04F0,x             ; $5A
        jsr check
        .byte $69, $10, 0, P
        ldx #4
        ldy #$10
        ora ($2C,x)             ; $12
        jsr check
        .byte $7B, 4, $10, P
        and ($32),y             ; $5A
        jsr check
        .byte $5A, 4, $10, P
        ldx #1
        lda #$FF
        and $20,x               ; $22
        jsr check
        .byte $22, 1, $10, P
        ldx #4

        lda #$01
        bit $22                 ; $80: A AND M = 0, N from bit 7
        jsr check
        .byte 1, 4, $10, P|N|Z
        bit $26                 ; $40
        jsr check
        .byte 1, 4, $10, P|V|Z
        lda #$80
        bit $0303               ; $80
        jsr check
        .byte $80, 4, $10, P|N
        lda #$0F
        bit $0304               ; $FF
        jsr check
        .byte $0F, 4, $10, P|N|V

; ---- compares ------------------------------------------------------------------------------------------
        ldx #0
        ldy #0
        clv
        lda #$11
        cmp #$11
        jsr check
        .byte $11, 0, 0, P|Z|C
        cmp #$12
        jsr check
        .byte $11, 0, 0, P|N
        cmp #$01
        jsr check
        .byte $11, 0, 0, P|C
        cmp $20
        jsr check
        .byte $11, 0, 0, P|Z|C
        ldx #1
        cmp $20,x               ; $22
        jsr check
        .byte $11, 1, 0, P|N
        cmp $0305               ; $00
        jsr check
        .byte $11, 1, 0, P|C
        ldx #$10
        lda #$5A
        cmp $04F0,x
        jsr check
        .byte $5A, $10, 0, P|Z|C
        ldy #4
        cmp $0300,y             ; $FF
        jsr check
        .byte $5A, $10, 4, P
        ldx #4
        lda #$12
        cmp ($2C,x)
        jsr check
        .byte $12, 4, 4, P|Z|C
        ldy #$11
        lda #$A4
        cmp ($32),y             ; $A5
        jsr check
        .byte $A4, 4, $11, P|N

        ldx #$22
        cpx #$22
        jsr check
        .byte $A4, $22, $11, P|Z|C
        cpx $20                 ; $11
        jsr check
        .byte $A4, $22, $11, P|C
        cpx $0303               ; $80
        jsr check
        .byte $A4, $22, $11, P|N
        ldy #$80
        cpy #$81
        jsr check
        .byte $A4, $22, $80, P|N
        cpy $22                 ; $80
        jsr check
        .byte $A4, $22, $80, P|Z|C
        cpy $0301               ; $34
        jsr check
        .byte $A4, $22, $80, P|C

; ---- shifts and rotates --------------------------------------------------------------------------------
        ldx #0
        ldy #0
        lda #$81
        clc
        asl a
        jsr check
        .byte $02, 0, 0, P|C
        lsr a
        jsr check
        .byte $01, 0, 0, P
        lsr a
        jsr check
        .byte 0, 0, 0, P|Z|C
        rol a                   ; carry in
        jsr check
        .byte $01, 0, 0, P
        sec
        ror a
        jsr check
        .byte $80, 0, 0, P|N|C
        clc
        rol a
        jsr check
        .byte 0, 0, 0, P|Z|C

        lda #$81
        sta $60
        sta $61
        sta $0360
        sta $0361
        clc
        asl $60
        jsr load60
        .byte $02, 0, 0, P|C
        lsr $60
        jsr load60
        .byte $01, 0, 0, P
        sec
        rol $60
        jsr load60
        .byte $03, 0, 0, P
        sec
        ror $60
        jsr load60
        .byte $81, 0, 0, P|N|C
        ldx #1
        clc
        asl $60,x
        lda $61
        jsr check
        .byte $02, 1, 0, P|C
        lsr $60,x
        lsr $60,x
        lda $61
        jsr check
        .byte 0, 1, 0, P|Z|C
        rol $60,x
        ror $60,x
        ror $60,x
        lda $61
        jsr check
        .byte $80, 1, 0, P|N
        clc
        asl $0360
        lda $0360
        jsr check
        .byte $02, 1, 0, P|C
        lsr $0360
        lda $0360
        jsr check
        .byte $01, 1, 0, P
        sec
        rol $0360
        lda $0360
        jsr check
        .byte $03, 1, 0, P
        clc
        ror $0360
        lda $0360
        jsr check
        .byte $01, 1, 0, P|C
        asl $0360,x             ; $81 -> $02
        lda $0361
        jsr check
        .byte $02, 1, 0, P|C
        lsr $0360,x
        lda $0361
        jsr check
        .byte $01, 1, 0, P
        sec
        ror $0360,x
        lda $0361
        jsr check
        .byte $80, 1, 0, P|N|C
        rol $0360,x
        lda $0361
        jsr check
        .byte $01, 1, 0, P|C
        jmp flags

load60: ldx #0
        lda $60
        jmp check

; ---- flags ---------------------------------------------------------------------------------------------
flags:  ldx #0
        ldy #0
        lda #0
        sec
        jsr check
        .byte 0, 0, 0, P|Z|C
        clc
        jsr check
        .byte 0, 0, 0, P|Z
        sed
        jsr check
        .byte 0, 0, 0, P|Z|D
        cld
        jsr check
        .byte 0, 0, 0, P|Z
        cli
        jsr check
        .byte 0, 0, 0, (P & ~I)|Z
        sei
        jsr check
        .byte 0, 0, 0, P|Z
        bit $26                 ; sets V
        clv
        jsr check
        .byte 0, 0, 0, P|Z
        nop
        jsr check
        .byte 0, 0, 0, P|Z

; ---- stack ---------------------------------------------------------------------------------------------
        lda #$5A
        pha
        lda #0
        pla
        jsr check
        .byte $5A, 0, 0, P
        lda #N|V|Z|C            ; I and D clear
        pha
        plp
        php
        pla
        jsr check
        .byte $F3, 0, 0, N|V|C|$30
        sei
        tsx
        jsr check
        .byte $F3, $FF, 0, P|N|V|C

; ---- branches ------------------------------------------------------------------------------------------
        lda #$80                ; N set, Z clear
        bpl @bad
        bmi @n
@bad:   jmp fail
@n:     lda #0                  ; Z set, N clear
        bne @bad
        bmi @bad
        beq @z
        jmp fail
@z:     bpl @zp
        jmp fail
@zp:    lda #1                  ; Z clear
        beq @bad
        bne @nz
        jmp fail
@nz:    sec
        bcc @bad
        bcs @c
        jmp fail
@c:     clc
        bcs @bad
        bcc @nc
        jmp fail
@nc:    bit $26                 ; V set
        bvc @bad2
        bvs @v
@bad2:  jmp fail
@v:     clv
        bvs @bad2
        bvc @nv
        jmp fail
@nv:    ldx #5
        ldy #0
@loop:  iny                     ; backward branch
        dex
        bne @loop
        lda #0
        jsr check
        .byte 0, 0, 5, P|Z

; ---- jumps, subroutines, interrupts ---------------------------------------------------------------------
        jmp @abs
        jmp fail
@abs:   jmp ($02FF)             ; NMOS: the high byte comes from $0200, not $0300
        jmp fail
jmp_ind_target:
        lda #$77
        ldx #0
        ldy #0
        jsr check
        .byte $77, 0, 0, P|Z

        jsr subroutine
jsr_return:
        jsr check
        .byte $99, $FD, 0, P|N|C

        lda #>rti_return
        pha
        lda #<rti_return
        pha
        lda #N|C                ; the status RTI restores (I clear)
        pha
        lda #0
        ldx #0
        rti
        jmp fail
rti_return:
        jsr check
        .byte 0, 0, 0, N|C|$30
        sei

        lda #0
        sta $70
        brk
        .byte $EA               ; signature byte, skipped by the return address BRK pushes
brk_return:
        ldx #0
        ldy #0
        lda $70
        jsr check
        .byte $B5, 0, 0, P|N|C   ; C from the handler's compares

        jmp pass

; Checks the return address JSR pushed (the address of its last byte) and the stack pointer.
subroutine:
        tsx
        lda $0101,x
        cmp #<(jsr_return - 1)
        bne @bad
        lda $0102,x
        cmp #>(jsr_return - 1)
        bne @bad
        lda #$99
        rts
@bad:   jmp fail

; BRK pushes PC + 2 and the status with B set, sets I and jumps through $FFFE.
brk_handler:
        tsx
        lda $0101,x
        and #$10
        beq @bad
        lda $0102,x
        cmp #<brk_return
        bne @bad
        lda $0103,x
        cmp #>brk_return
        bne @bad
        php
        pla
        and #I
        beq @bad
        lda #$B5
        sta $70
        rti
@bad:   jmp fail

        .include "check.asm"
