; Decimal-mode ADC and SBC for one accumulator value against every operand, with carry clear and set.
; The test runner stores the accumulator value at `operand_a`, starts at `start` and collects the results
; when the program reaches `done`: for operand M (0-255) the result of each operation is at its table + M
; and the status (as PHP pushes it) at the flags table + M.

operand_a = $10
operand_m = $11

adc_c0_result = $2000
adc_c0_flags  = $2100
adc_c1_result = $2200
adc_c1_flags  = $2300
sbc_c0_result = $2400
sbc_c0_flags  = $2500
sbc_c1_result = $2600
sbc_c1_flags  = $2700

        .org $1000
start:  ldx #$FF
        txs
        sed
        ldy #0
loop:   sty operand_m
        lda operand_a
        clc
        adc operand_m
        sta adc_c0_result,y
        php
        pla
        sta adc_c0_flags,y
        lda operand_a
        sec
        adc operand_m
        sta adc_c1_result,y
        php
        pla
        sta adc_c1_flags,y
        lda operand_a
        clc
        sbc operand_m
        sta sbc_c0_result,y
        php
        pla
        sta sbc_c0_flags,y
        lda operand_a
        sec
        sbc operand_m
        sta sbc_c1_result,y
        php
        pla
        sta sbc_c1_flags,y
        iny
        bne loop
        cld
done:   jmp done
