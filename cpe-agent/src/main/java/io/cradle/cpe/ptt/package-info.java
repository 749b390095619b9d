/**
 * PTT and paging of a WP820 (admin guide "PTT/Multicast Settings"): Spectralink-compatible PTT on
 * channels 1-25 (priority 24, emergency 25 by default) and group paging on 26-50, plus the priority
 * rules of Grandstream multicast paging (10 listen addresses, Paging Priority Active, Paging
 * Barge).
 *
 * <pre>{@code
 * PttChannelSocket socket = PttChannelSocket.open(settings.address().orElseThrow(),
 *     PttChannelSocket.defaultInterface().orElseThrow());
 * PttService ptt = new PttService(scheduler, store, socket, random, microphone, speaker, callStatus);
 * ptt.listenForPaging(1, PttChannelSocket.open(pagingAddress1, nif)); // multicast paging, prio 1
 * ptt.addListener(listener);            // pttReceived, pttEnded, callHeld/callResumed, transmit*
 * new MultiFunctionButton(scheduler, store, safeMonitor, ptt); // ButtonActions: pttStart/pttStop
 * }</pre>
 *
 * <p>Pure and tested by tables: {@link io.cradle.cpe.ptt.PttArbiter} (play, ignore, preempt or
 * barge), {@link io.cradle.cpe.ptt.PttPacket} (Cradle's own wire format: Spectralink's is
 * proprietary), the settings. {@link io.cradle.cpe.ptt.PttService} runs on the phone's scheduler;
 * {@link io.cradle.cpe.ptt.PttChannelSocket} is the real multicast socket.
 */
package io.cradle.cpe.ptt;
