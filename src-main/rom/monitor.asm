; ---- Boot menu and the 65V-compatible machine-code monitor -------------------------------------------

boot_menu:
          ldx #msg_banner - messages
          jsr print
          jsr basic_present
          bcc @nobasic
          ldx #msg_menu - messages
          jsr print
@ask:     jsr get_key
          and #$DF              ; upper case
          cmp #'C'
          beq @cold
          cmp #'W'
          beq @warm
          cmp #'M'
          bne @ask
          jsr screen_output
          jsr newline
          jmp monitor
@cold:    jsr screen_output
          jsr newline
          jmp BASIC_COLD
@warm:    jsr screen_output
          jsr newline
          jmp BASIC_WARM
@nobasic: ldx #msg_nobasic - messages
          jsr print
          jmp monitor

; Carry set when a BASIC ROM sits at BASIC_ROM: the first byte does not take a write (not RAM) and the
; first 16 bytes are not all alike (not an empty socket).
basic_present:
          lda BASIC_ROM
          eor #$FF
          sta BASIC_ROM
          cmp BASIC_ROM
          php
          eor #$FF
          sta BASIC_ROM
          plp
          beq @absent
          ldx #15
@differ:  cmp BASIC_ROM,x
          bne @present
          dex
          bne @differ
@absent:  clc
          rts
@present: sec
          rts

; The monitor reads keys like the OSI 65V monitor, so 65V tapes load as if typed:
;   .  address mode: hex digits roll into the address      /  data mode: hex digits roll into the byte
;   RETURN  next address (in data mode)                     G  run at the address (address mode)
;   L  read the ACIA instead of the keyboard until SPACE    ?  help      Q  back to the boot menu
monitor:  ldx #msg_monitor - messages
          jsr print
          lda #0
          sta MADDR
          sta MADDR + 1
monitor_restart:
          lda #0
          sta MMODE
          sta MONSRC
show:     jsr show_location
next_key: jsr monitor_key
          cmp #'a'
          bcc @upper
          cmp #'z' + 1
          bcs @upper
          and #$DF
@upper:   cmp #'.'
          bne @notdot
          lda #0
          sta MMODE
          beq show
@notdot:  cmp #'/'
          bne @notslash
          lda #$FF
          sta MMODE
          bne show
@notslash:
          cmp #CR
          bne @notcr
          bit MMODE
          bpl @line
          inc MADDR
          bne @line
          inc MADDR + 1
@line:    jsr newline
          jmp show
@notcr:   cmp #'G'
          bne @notgo
          bit MMODE
          bmi next_key
          jmp go
@notgo:   cmp #'L'
          bne @notload
          lda #$80
          sta MONSRC
          bne next_key
@notload: cmp #'?'
          bne @nothelp
          jsr newline
          ldx #msg_help - messages
          jsr print
          jmp show
@nothelp: cmp #'Q'
          bne @digit
          jsr newline
          jmp boot_menu
@digit:   jsr hex_value
          bcs next_key
          bit MMODE
          bmi @data
          ldx #4
@shift:   asl MADDR
          rol MADDR + 1
          dex
          bne @shift
          ora MADDR
          sta MADDR
          jmp show
@data:    sta TEMP
          ldy #0
          lda (MADDR),y
          asl a
          asl a
          asl a
          asl a
          ora TEMP
          sta (MADDR),y
          jmp show

; Runs the program at MADDR; an RTS from it comes back to the monitor.
go:       jsr newline
          lda #0
          sta MONSRC
          lda #>(monitor_return - 1)
          pha
          lda #<(monitor_return - 1)
          pha
          jmp (MADDR)
monitor_return:
          jsr newline
          jmp monitor_restart

; Redraws the monitor line in place: mode ('.' address, '/' data), address, the byte there.
show_location:
          lda #CR
          jsr screen_output
          lda #'.'
          bit MMODE
          bpl @mode
          lda #'/'
@mode:    jsr screen_output
          lda MADDR + 1
          jsr print_hex
          lda MADDR
          jsr print_hex
          lda #' '
          jsr screen_output
          ldy #0
          lda (MADDR),y
          jmp print_hex

; The next monitor key: from the ACIA after L (bit 7 dropped) until SPACE is pressed, else the keyboard.
monitor_key:
          lda MONSRC
          beq @keyboard
          jsr tape_byte
          bcc @stop
          and #$7F
          rts
@stop:    lda #0
          sta MONSRC
@keyboard:
          jmp get_key

; Carry clear and A = 0-15 when A holds '0'-'9' or 'A'-'F'; carry set otherwise.
hex_value:
          cmp #'0'
          bcc @no
          cmp #'9' + 1
          bcc @decimal
          cmp #'A'
          bcc @no
          cmp #'F' + 1
          bcs @no
          sbc #'A' - 11         ; carry is clear: subtracts one more
          clc
          rts
@decimal: sbc #'0' - 1          ; carry is clear
          clc
          rts
@no:      sec
          rts

messages:
msg_banner:
          .text "SUPERBOARD LAB MONITOR", CR, LF, CR, LF, 0
msg_menu: .text "C  COLD START BASIC", CR, LF
          .text "W  WARM START BASIC", CR, LF
          .text "M  MACHINE MONITOR", CR, LF, CR, LF
          .text "C/W/M ?", 0
msg_nobasic:
          .text "NO BASIC ROM AT $A000", CR, LF, CR, LF, 0
msg_monitor:
          .text "65V MONITOR  ? = HELP", CR, LF, 0
msg_help: .text ".ADDR  SET THE ADDRESS", CR, LF
          .text "/DATA  STORE BYTES", CR, LF
          .text "RETURN NEXT ADDRESS", CR, LF
          .text "G RUN  L TAPE  Q MENU", CR, LF, 0
