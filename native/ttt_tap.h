/*
 * ttt_tap: a packet port of our own over a Linux tap file descriptor, for test
 * and bench links. No DPDK: one non-blocking read() per received frame until
 * the queue is empty, one write() per sent frame. DPDK 22.11's net_tap instead
 * takes a signal per received burst (F_SETSIG) and reads with readv; see
 * shared/MACHINE.md.
 */
#ifndef TTT_TAP_H
#define TTT_TAP_H

#include <stdint.h>
#include "ttt_frame.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Creates (or attaches to) tap interface `name` in the caller's network namespace,
 * IFF_TAP | IFF_NO_PI, non-blocking. Returns the fd, or -errno. */
int ttt_tap_open(const char *name);
void ttt_tap_close(int fd);

/* Reads up to n frames into the buffers the frames describe (data, tailroom);
 * sets each len. Returns how many were read; stops at the first EAGAIN. A frame
 * larger than its buffer is cut by the kernel: counted in *truncated and dropped. */
uint16_t ttt_tap_recv(int fd, ttt_frame *frames, uint16_t n, uint64_t *truncated);

/* Writes each frame with one write(); returns how many the kernel took. */
uint16_t ttt_tap_send(int fd, const ttt_frame *frames, uint16_t n);

#ifdef __cplusplus
}
#endif
#endif
