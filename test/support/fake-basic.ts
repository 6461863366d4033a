import { assembleOrThrow } from './assemble.ts';

/**
 * An 8K "BASIC" of our own for $A000-$BFFF that uses the monitor the way OSI BASIC 1.0 rev 3.2 does, for
 * tests where the real ROM is absent: cold start at $BD11, input through $FFEB (echoed through $FFEE), and
 * its Ctrl-C check at $A629 (JMP $FFF1, four NOPs, LSR A, BCC, JSR $FFEB) with the monitor's Ctrl-C answer
 * landing on CMP #3 at $A636. Commands: RUN starts "10 GOTO 10" (a loop counting at $E0 and calling the
 * check), CONT continues it after a break; anything else prints ?SN ERROR. A break prints BREAK IN 10 only
 * when A = 3 and the top of the stack is the loop's own return address, as BASIC needs to CONTinue.
 */
export function fakeBasicRom(): Uint8Array {
  const code = assembleOrThrow(`
OUTPUT  = $FFEE
INPUT   = $FFEB
COUNT   = $E0                 ; the program's loop counter (16 bits)
MSG     = $E2
LINEBUF = $0300

        .org $A000
        .text "OUR OWN TEST BASIC"

        .org $A629
iscntc: jmp $FFF1
        nop
        nop
        nop
        nop
        lsr a
        bcc @ret
        jsr INPUT
        cmp #3                ; $A636: where the monitor answers a Ctrl-C with A = 3
        beq stop
@ret:   rts
stop:   pla
        cmp #<(back - 1)
        bne @bad
        pla
        cmp #>(back - 1)
        bne @bad
        ldx #<msg_break
        jsr print
        jmp ready
@bad:   ldx #<msg_stack
        jsr print
        jmp ready

program:                      ; 10 GOTO 10
        inc COUNT
        bne @check
        inc COUNT + 1
@check: jsr iscntc
back:   jmp program

print:  lda messages,x
        beq @end
        jsr OUTPUT
        inx
        bne print
@end:   rts

cold:   ldx #$FF
        txs
        cld
        lda #$4C              ; $0000: JMP ready (the monitor's W); $000A: JMP fcerr (USR)
        sta $00
        sta $0A
        lda #<ready
        sta $01
        lda #>ready
        sta $02
        lda #<fcerr
        sta $0B
        lda #>fcerr
        sta $0C
        ldx #<msg_banner
        jsr print
ready:  ldx #$FF
        txs
        ldx #<msg_ok
        jsr print
        ldy #0
@key:   jsr INPUT
        jsr OUTPUT
        sta LINEBUF,y
        iny
        cmp #13
        bne @key
        lda #10
        jsr OUTPUT
        lda LINEBUF
        cmp #'R'
        bne @cont
        lda #0
        sta COUNT
        sta COUNT + 1
        jmp program
@cont:  cmp #'C'
        bne @usr
        jmp program
@usr:   cmp #'X'
        bne @error
        jsr $000A
        jmp ready
@error: ldx #<msg_error
        jsr print
        jmp ready
fcerr:  ldx #<msg_fc
        jsr print
        rts

        .org $B000
messages:
msg_banner = * - messages
        .text "TEST BASIC", 13, 10, 0
msg_ok = * - messages
        .text "OK", 13, 10, 0
msg_break = * - messages
        .text 13, 10, "BREAK IN 10", 13, 10, 0
msg_stack = * - messages
        .text 13, 10, "BAD STACK AT BREAK", 13, 10, 0
msg_error = * - messages
        .text "?SN ERROR", 13, 10, 0
msg_fc = * - messages
        .text "?FC ERROR", 13, 10, 0

        .org $BD11
        jmp cold
  `);
  const image = new Uint8Array(0x2000).fill(0xea);
  for (const segment of code.segments) image.set(segment.bytes, segment.address - 0xa000);
  return image;
}
