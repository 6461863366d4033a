; ---- Screen driver: a teletype on the bottom line of the window, scrolling the window rows up ---------

; Fills the whole video RAM with spaces and puts the cursor at the start of the output line.
clear_screen:
          lda #' '
          ldx #0
@fill:    sta VIDEO,x
          sta VIDEO + $100,x
          sta VIDEO + $200,x
          sta VIDEO + $300,x
          inx
          bne @fill
          stx CURCOL
          rts

; Moves rows TOP_ROW+1..BOTTOM_ROW up one row and blanks the bottom row. Three forward copies, one after
; the other, so no row is overwritten before it has been read.
SCROLL_FROM = VIDEO + (TOP_ROW + 1) * 32
SCROLL_TO   = VIDEO + TOP_ROW * 32
scroll:   ldx #0
@page1:   lda SCROLL_FROM,x
          sta SCROLL_TO,x
          inx
          bne @page1
@page2:   lda SCROLL_FROM + $100,x
          sta SCROLL_TO + $100,x
          inx
          bne @page2
@page3:   lda SCROLL_FROM + $200,x
          sta SCROLL_TO + $200,x
          inx
          bne @page3
          lda #' '
          ldx #31
@blank:   sta VIDEO + BOTTOM_ROW * 32,x
          dex
          bpl @blank
          rts

; Prints the character in A (the output vector). CR returns to the start of the line, LF scrolls, BS
; steps back, NUL is ignored; every other code is a character (the OSI graphics too). A full line wraps. When the SAVE flag is set the byte also goes to the ACIA, and a CR is
; followed by NULS_AFTER_CR NULs. Keeps A, X and Y.
screen_output:
          pha
          txa
          pha
          tsx
          lda $0102,x           ; the character
          ldx SAVEFLAG
          beq @screen
          jsr acia_send
          cmp #CR
          bne @screen
          ldx #NULS_AFTER_CR
          lda #0
@nul:     jsr acia_send
          dex
          bne @nul
          lda #CR
@screen:  cmp #0                ; NUL (BASIC's NULL padding) shows nothing
          beq @done
          cmp #CR
          beq @cr
          cmp #LF
          beq @lf
          cmp #$08
          beq @bs
          ldx CURCOL
          cpx #LINE_WIDTH
          bcc @put
          pha
          jsr scroll
          pla
          ldx #0
@put:     sta LINE,x
          inx
          stx CURCOL
          jmp @done
@cr:      lda #0
          sta CURCOL
          beq @done
@lf:      jsr scroll
          jmp @done
@bs:      ldx CURCOL
          beq @done
          dex
          stx CURCOL
          lda #' '
          sta LINE,x
@done:    pla
          tax
          pla
          rts

; Prints CR LF.
newline:  pha
          lda #CR
          jsr screen_output
          lda #LF
          jsr screen_output
          pla
          rts

; Prints the zero-terminated message at messages + X. Keeps Y.
print:    lda messages,x
          beq @end
          jsr screen_output
          inx
          bne print
@end:     rts

; Prints A as two hex digits. Keeps A.
print_hex:
          pha
          lsr a
          lsr a
          lsr a
          lsr a
          jsr @nibble
          pla
          pha
          and #$0F
          jsr @nibble
          pla
          rts
@nibble:  cmp #10
          bcc @digit
          adc #6                ; carry is set: +7 takes 10 to 'A' - '0'
@digit:   adc #'0'
          jmp screen_output
