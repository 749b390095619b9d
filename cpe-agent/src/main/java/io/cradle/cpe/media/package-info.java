/**
 * RTP media of a WP820's calls: real audio samples in G.711, RTCP reports and call quality.
 *
 * <p>For the call layer, a call leg is:
 *
 * <pre>{@code
 * MediaEngine engine = MediaEngine.start(1);                  // once per JVM, shared by all phones
 * RtpStream leg = engine.open(phoneAddress, new PortRange(50040, 50999));
 * SdpMedia offer = CodecNegotiation.offer(leg.localAddress().getPort(), vocoders, framesPerTx, 101);
 * // ... INVITE with offer.toSdp(), 200 OK with the answer's SDP ...
 * Negotiated n = CodecNegotiation.agreed(SdpMedia.parse(answerSdp)).orElseThrow();
 * leg.connect(remoteRtp, MediaParameters.of(n).withSymmetricRtp(p291).withRtpTimeout(timeout));
 * leg.listener(listener);                                      // onDtmf, onRtpTimeout (hang up)
 * leg.play(WavFile.read(file).source(true));                   // or a ToneGenerator, or silence
 * leg.record(recorder);                                        // WavRecorder, DtmfDetector, tee
 * leg.sendDtmf('5');                                           // RFC 2833 or in audio
 * CallStats stats = leg.stats();                               // stats.tr104(), stats.mos()
 * leg.close();                                                 // at BYE
 * }</pre>
 *
 * <p>Everything but {@link io.cradle.cpe.media.MediaEngine} and {@link
 * io.cradle.cpe.media.RtpStream} is pure (no clock, no socket) and tested as such. The engine is
 * real time by nature: it paces with {@link System#nanoTime} on one thread for all streams and
 * receives on one (or a few) NIO selector threads.
 */
package io.cradle.cpe.media;
