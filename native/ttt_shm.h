/*
 * ttt_shm: a point-to-point Ethernet link in shared memory between two
 * processes, for test and bench links with no system call on the path. A file
 * (in /dev/shm) holds two single-producer single-consumer rings of 2 KiB frame
 * slots, one per direction. Side 0 creates the file, side 1 attaches to it.
 * The producer copies a frame into the next slot and publishes it with a release
 * store of the slot's sequence word; the consumer polls the word of the slot it
 * expects next with acquire loads. No locks.
 * The bench's lwIP peer links this same file, so both stacks see one ring format.
 */
#ifndef TTT_SHM_H
#define TTT_SHM_H

#include <stdint.h>
#include "ttt_frame.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TTT_SHM_SLOTS 512
#define TTT_SHM_SLOT_BYTES 2048
#define TTT_SHM_MAX_FRAME (TTT_SHM_SLOT_BYTES - 8)

typedef struct ttt_shm_link ttt_shm_link;

/* Side 0 creates (or re-creates) the file; side 1 attaches to one side 0 made,
 * returning -ENOENT until it exists and is ready. Returns 0 or -errno. */
int ttt_shm_open(const char *path, int side, ttt_shm_link **out);
/* Unmaps; side 0 also removes the file. */
void ttt_shm_close(ttt_shm_link *link);

/* Copies up to n waiting frames into the buffers the frames describe; sets each len.
 * A frame larger than its buffer is counted in *truncated and dropped. */
uint16_t ttt_shm_recv(ttt_shm_link *link, ttt_frame *frames, uint16_t n, uint64_t *truncated);
/* Copies up to n frames into free slots; returns how many fit (the rest stay the caller's). */
uint16_t ttt_shm_send(ttt_shm_link *link, const ttt_frame *frames, uint16_t n);

#ifdef __cplusplus
}
#endif
#endif
