; Shared harness for the self-checking CPU programs.
;   jsr check
;   .byte A, X, Y, P      ; expected registers; P as PHP pushes it (B and bit 5 set)
; compares A, X, Y and P as they were at the JSR with the four bytes after it, jumps to fail on a mismatch
; (testnum holds the number of the failing check, counting from 1), otherwise returns past the four bytes
; with A, X, Y and P restored.

testnum = $02
ptr     = $04
got_a   = $06
got_x   = $07
got_y   = $08
got_p   = $09

check:  php
        cld                     ; the checks below add in binary; PLP restores D
        sta got_a
        stx got_x
        sty got_y
        pla
        sta got_p
        inc testnum
        pla
        sta ptr
        pla
        sta ptr + 1
        ldy #1
        lda (ptr),y
        cmp got_a
        bne fail
        iny
        lda (ptr),y
        cmp got_x
        bne fail
        iny
        lda (ptr),y
        cmp got_y
        bne fail
        iny
        lda (ptr),y
        cmp got_p
        bne fail
        clc
        lda ptr
        adc #4
        tax
        lda ptr + 1
        adc #0
        pha
        txa
        pha
        lda got_p
        pha
        lda got_a
        ldx got_x
        ldy got_y
        plp
        rts

; Traps: the test runner stops when the PC stops moving and looks at where.
fail:   jmp fail
pass:   jmp pass
