; ---- The Superboard Lab cloud driver: the real board asks the farm through its cassette port ----------
;
; Loaded as a 65V tape (after BREAK, M, L). The tape ends with .1C00G, which runs `install`: it points
; BASIC's USR jump at `usr` and warm-starts BASIC. Then X=USR(0) in BASIC prompts CLOUD?, reads a request
; line from the keyboard (E 6*7, R 3 PRINT RND(1), M 0300 A9 2A 60: see docs/cloud.md), sends it as a
; framed request through the ACIA, waits for the framed answer and prints it.
;
; OSI BASIC 1.0's USR(x) calls the jump instruction at $000A: $000A holds JMP ($4C), $000B-$000C its
; address (POKE 11,lo: POKE 12,hi in BASIC). The driver lives at $1C00-$1FFF, the top 1K of an 8K board:
; answer MEMORY SIZE? with 7168 so BASIC leaves it alone. It uses no zero page.
;
; Frames: start byte, kind, length, text, checksum (the sum mod 256 of kind, length and text).
; A request starts with SOH ($01) and its kind is the first character typed; an answer starts with STX
; ($02), kind K (the answer), E (an error, printed after a ?) or R (the request came damaged: the driver
; sends it again). A damaged answer also makes it send the request again, three sends in all.

ACIA_CTL  = $F000
ACIA_DATA = $F001
RDRF      = $01                 ; status bit 0: a byte has arrived
TDRE      = $02                 ; status bit 1: the transmitter can take a byte
INPUT     = $FFEB               ; the monitor's input vector: a key in A
OUTPUT    = $FFEE               ; the monitor's output vector: prints A
LOADFLAG  = $0203               ; the monitor's LOAD flag: input from the ACIA while set
USR_JUMP  = $000A               ; BASIC's USR: JMP at $000A, its address at $000B-$000C
WARM      = $0000               ; BASIC's warm start
START_REQ = $01                 ; SOH
START_ANS = $02                 ; STX
CR        = $0D
LF        = $0A
MAXREQ    = 72                  ; longest request line
WAIT_HI   = 90                  ; about 1.1 s per step: a silence of ~100 s means no answer
TRIES     = 3                   ; sends of one request before a damaged answer is given up
; Working storage above the code (not on the tape).
sum       = $1E00
kind      = $1E01
count     = $1E02
timer     = $1E03               ; 3 bytes
reqlen    = $1E06
tries     = $1E07
reqbuf    = $1E10               ; MAXREQ bytes
ansbuf    = $1F00               ; 256 bytes

          .org $1C00
install:  lda #$4C              ; JMP usr
          sta USR_JUMP
          lda #<usr
          sta USR_JUMP + 1
          lda #>usr
          sta USR_JUMP + 2
          lda #0                ; the tape has been read: keys come from the keyboard again
          sta LOADFLAG
          ldx #<m_ready
          jsr print
          jmp WARM

; X=USR(0): ask, send, wait, print. Returns to BASIC with the argument unchanged.
usr:      ldx #<m_prompt
          jsr print
          ldy #0
@key:     jsr INPUT
          cmp #CR
          beq @line
          cmp #'_'              ; OSI rub-out (SHIFT O) takes back a character
          bne @store
          cpy #0
          beq @key
          dey
          jsr OUTPUT
          jmp @key
@store:   cpy #MAXREQ
          bcs @key              ; line full: further keys are ignored
          sta reqbuf,y
          jsr OUTPUT
          iny
          bne @key
@line:    jsr crlf
          cpy #0
          bne @ask
          rts                   ; an empty line asks nothing
@ask:     sty reqlen
          lda #TRIES
          sta tries
@send:    lda ACIA_DATA         ; drop a stale byte so RDRF means a new one
          lda #START_REQ
          jsr send
          lda #0
          sta sum
          lda reqbuf            ; kind: the first character typed
          jsr send_sum
          ldx reqlen
          dex
          txa                   ; length: the rest of the line
          jsr send_sum
          ldx #1
@body:    cpx reqlen
          beq @sent
          lda reqbuf,x
          jsr send_sum
          inx
          bne @body
@sent:    lda sum
          jsr send

; The answer: skip to STX, then kind, length, text into ansbuf, checksum.
@hunt:    jsr receive
          bcc no_answer
          cmp #START_ANS
          bne @hunt
          lda #0
          sta sum
          jsr receive
          bcc no_answer
          sta kind
          jsr add_sum
          jsr receive
          bcc no_answer
          sta count
          jsr add_sum
          ldy #0
@text:    cpy count
          beq @check
          jsr receive
          bcc no_answer
          sta ansbuf,y
          jsr add_sum
          iny
          bne @text
@check:   jsr receive
          bcc no_answer
          cmp sum
          bne @again            ; damaged on the way: ask again
          lda kind
          cmp #'R'              ; the gateway heard a damaged request: send it again
          beq @again
          cmp #'K'
          beq @print
          lda #'?'
          jsr OUTPUT
@print:   ldy #0
@char:    cpy count
          beq @end
          lda ansbuf,y
          cmp #CR
          bne @out
          jsr crlf
          jmp @next
@out:     jsr OUTPUT
@next:    iny
          bne @char
@end:     jmp crlf

@again:   dec tries
          beq bad_sum
          jmp @send

no_answer:
          ldx #<m_none
          bne fail
bad_sum:  ldx #<m_sum
fail:     jsr print
          jmp crlf

; Adds A to the running checksum; keeps A.
add_sum:  pha
          clc
          adc sum
          sta sum
          pla
          rts

send_sum: jsr add_sum
; Sends A through the ACIA once the transmitter is free; keeps X and Y.
send:     pha
@wait:    lda ACIA_CTL
          and #TDRE
          beq @wait
          pla
          sta ACIA_DATA
          rts

; The next byte from the ACIA in A with carry set, or carry clear after about 100 s of silence.
receive:  lda #0
          sta timer
          sta timer + 1
          lda #WAIT_HI
          sta timer + 2
@poll:    lda ACIA_CTL
          and #RDRF
          bne @byte
          inc timer
          bne @poll
          inc timer + 1
          bne @poll
          dec timer + 2
          bne @poll
          clc
          rts
@byte:    lda ACIA_DATA
          sec
          rts

crlf:     lda #CR
          jsr OUTPUT
          lda #LF
          jmp OUTPUT

; Prints the message at messages+X up to its 0.
print:    lda messages,x
          beq @end
          jsr OUTPUT
          inx
          bne print
@end:     rts

messages:
m_ready = * - messages
          .text CR, LF, "CLOUD DRIVER IN USR", CR, LF, 0
m_prompt = * - messages
          .text "CLOUD? ", 0
m_none = * - messages
          .text "?NO ANSWER", 0
m_sum = * - messages
          .text "?BAD CHECKSUM", 0
