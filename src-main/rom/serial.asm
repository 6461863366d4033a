; ---- ACIA (cassette port) and the BASIC input, LOAD and SAVE vectors ---------------------------------

; Sends A through the ACIA when the transmitter is free. Keeps A, X and Y.
acia_send:
          pha
@wait:    lda ACIA_CTL
          and #TDRE
          beq @wait
          pla
          sta ACIA_DATA
          rts

; Waits for a byte from the ACIA: returns it in A with carry set (Z set for a NUL). Returns carry clear
; when SPACE is pressed instead; that SPACE is then treated as already delivered by get_key. It scans the
; whole keyboard while it waits, so a key still held from typing (such as the L that started a load) is
; seen going up. Keeps X and Y.
tape_byte:
          txa
          pha
          tya
          pha
@poll:    jsr scan_key
          cmp #' '
          beq @space
          lda ACIA_CTL
          and #RDRF
          beq @poll
          lda ACIA_DATA
          sec
          bcs @exit
@space:   sta KEYDONE
          sta KEYLAST
          lda #DEBOUNCE
          sta KEYCOUNT
          clc
@exit:    sta TEMP
          pla
          tay
          pla
          tax
          lda TEMP              ; Z from the byte; carry survives PLA, TAY, TAX and LDA
          rts

; The input vector: the next character for BASIC in A. While the LOAD flag is set it comes from the
; ACIA (NULs skipped) until SPACE is pressed; otherwise from the keyboard. Keeps X and Y.
basic_input:
          lda LOADFLAG
          beq @keyboard
@tape:    jsr tape_byte
          bcc @stop
          beq @tape
          rts
@stop:    lda #0
          sta LOADFLAG
@keyboard:
          jmp get_key

; The LOAD vector: BASIC input comes from the ACIA from now on (and SAVE mode ends).
basic_load:
          lda #$80
          sta LOADFLAG
          lda #0
          sta SAVEFLAG
          rts

; The SAVE vector: all output also goes to the ACIA from now on.
basic_save:
          lda #$80
          sta SAVEFLAG
          rts
