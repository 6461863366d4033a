; ---- Keyboard: polled matrix at KBD, active low ------------------------------------------------------

; Waits for a key and returns its character in A, showing a block cursor meanwhile. A key counts once it
; has been seen in DEBOUNCE identical scans, and again only after the scans have settled on something
; else (another key or no key). Keeps X and Y.
get_key:  txa
          pha
          tya
          pha
          ldx CURCOL
          lda LINE,x
          pha
          lda #CURSOR_CHAR
          sta LINE,x
@poll:    jsr scan_key
          cmp KEYLAST
          beq @same
          sta KEYLAST
          lda #0
          sta KEYCOUNT
          beq @poll
@same:    ldy KEYCOUNT
          cpy #DEBOUNCE
          bcs @stable
          inc KEYCOUNT
          bcc @poll
@stable:  cmp KEYDONE
          beq @poll
          sta KEYDONE
          tay
          beq @poll
          sta TEMP
          ldx CURCOL
          pla
          sta LINE,x
          pla
          tay
          pla
          tax
          lda TEMP
          rts

; One scan of the matrix: A = the character of the first key found (rows 7 to 1, high column first) with
; the modifiers of row 0 applied, or 0 when no key is down. Uses X and Y.
scan_key: ldx #7
@row:     lda row_select,x
          sta KBD
          lda KBD
          eor #$FF              ; 1 = key down
          and #$FE              ; column 0 has no key in rows 1-7
          bne @found
          dex
          bne @row
          txa
          rts
@found:   ldy #7
@column:  asl a
          bcs @hit
          dey
          bne @column
@hit:     sty TEMP
          txa
          asl a
          asl a
          asl a
          ora TEMP
          tay
          lda #$FE              ; row 0: the modifier keys
          sta KBD
          lda KBD
          eor #$FF
          sta MODS
          lda key_map,y
          bne apply_modifiers
          rts

; Applies the modifier keys in MODS (row 0 bits: 6 CTRL, 2 and 1 SHIFT, 0 SHIFT LOCK) to the key in A.
; Letters are upper case with SHIFT LOCK or SHIFT, lower case otherwise; SHIFT LOCK + SHIFT turns
; P K M N O L into @ [ ] ^ _ \. SHIFT turns 1-9 into ! " # $ % & ' ( ) and : - ; / , . into * = + ? < >.
apply_modifiers:
          sta TEMP
          lda MODS
          and #$40
          beq @noctrl
          lda TEMP
          jsr is_letter
          bcc @plain
          and #$1F              ; CTRL + letter: control code
          rts
@noctrl:  lda TEMP
          jsr is_letter
          bcc @symbol
          lda MODS
          and #$06
          beq @noshift
          lda MODS
          lsr a                 ; carry = SHIFT LOCK
          lda TEMP
          bcc @done
          ldy #5
@special: cmp shift_letters,y
          beq @subst
          dey
          bpl @special
          rts
@subst:   lda shift_symbols,y
          rts
@noshift: lda MODS
          lsr a                 ; carry = SHIFT LOCK
          lda TEMP
          bcs @done
          ora #$20              ; lower case
@done:    rts
@symbol:  lda MODS
          and #$06
          beq @plain
          lda TEMP
          cmp #'1'
          bcc @low
          cmp #';' + 1
          bcs @plain
          sbc #$0F              ; carry is clear: subtracts $10
          rts
@low:     cmp #','
          bcc @plain
          cmp #'0'
          bcs @plain
          adc #$10              ; carry is clear
          rts
@plain:   lda TEMP
          rts

; Carry set when A is 'A'-'Z'. Keeps A.
is_letter:
          cmp #'Z' + 1
          bcs @no
          cmp #'A'
          rts
@no:      clc
          rts

; Ctrl-C check (the Ctrl-C vector, reached from BASIC's JSR to its own check routine): returns at once
; unless CTRL and C are both down; then it waits for C to be released and answers as SYN600 does, with
; A = 3 and a jump into BASIC's check routine just after the monitor call (BASIC_BREAK), with the stack as
; BASIC left it, so BASIC stops the program with BREAK IN <line> and CONT can go on.
ctrl_c_check:
          pha
          lda #$FE              ; row 0: CTRL is bit 6
          sta KBD
          lda KBD
          and #$40
          bne @no
          lda #$FB              ; row 2: C is bit 6
          sta KBD
          lda KBD
          and #$40
          bne @no
@release: lda KBD
          and #$40
          beq @release
          pla
          lda #0
          sta LOADFLAG
          lda #3
          jmp BASIC_BREAK
@no:      pla
          rts

row_select:
          .byte $FE, $FD, $FB, $F7, $EF, $DF, $BF, $7F

; Characters by row * 8 + column bit. Row 0 holds the modifiers and is not scanned.
key_map:  .byte 0, 0, 0, 0, 0, 0, 0, 0
          .byte 0, 'P', ';', '/', ' ', 'Z', 'A', 'Q'
          .byte 0, ',', 'M', 'N', 'B', 'V', 'C', 'X'
          .byte 0, 'K', 'J', 'H', 'G', 'F', 'D', 'S'
          .byte 0, 'I', 'U', 'Y', 'T', 'R', 'E', 'W'
          .byte 0, 0, 0, CR, LF, 'O', 'L', '.'
          .byte 0, 0, $7F, '-', ':', '0', '9', '8'
          .byte 0, '7', '6', '5', '4', '3', '2', '1'

shift_letters:
          .text "PKMNOL"
shift_symbols:
          .text "@[]^_\\"
