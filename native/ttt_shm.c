#include "ttt_shm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define TTT_SHM_MAGIC 0x7474745f73686d32ull /* "ttt_shm2" */
#define SEQ_MASK 0xFFFFFFFFFFFFull /* the word holds 48 bits of sequence number */

typedef struct ttt_shm_ring {
    _Alignas(64) uint64_t head; /* written by the producer only */
    _Alignas(64) uint64_t tail; /* written by the consumer only */
    /* Each slot: a 64-bit word (sequence number << 16 | length), then the frame at +8. The consumer
     * polls the word of the slot it expects next, so a small frame arrives with the same cache line
     * that says it is there: one transfer between cores, not two (the head, then the slot). */
    _Alignas(64) uint8_t slots[TTT_SHM_SLOTS][TTT_SHM_SLOT_BYTES];
} ttt_shm_ring;

typedef struct ttt_shm_file {
    _Alignas(64) uint64_t magic; /* stored last by side 0: the file is ready */
    uint32_t slots, slot_bytes;
    ttt_shm_ring ring[2]; /* ring[s] carries frames sent by side s */
} ttt_shm_file;

struct ttt_shm_link {
    ttt_shm_file *file;
    ttt_shm_ring *tx, *rx;
    uint64_t tx_head, rx_tail; /* private copies: only this side writes them */
    uint64_t tx_tail_seen;     /* the consumer's tail as last read: fewer shared loads */
    int side;
    char path[256];
};

int ttt_shm_open(const char *path, int side, ttt_shm_link **out)
{
    int fd;
    ttt_shm_file *f;
    ttt_shm_link *l;
    if (strlen(path) >= sizeof l->path || (side != 0 && side != 1))
        return -EINVAL;
    if (side == 0) {
        unlink(path);
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return -errno;
        if (ftruncate(fd, sizeof(ttt_shm_file)) != 0) {
            int e = errno;
            close(fd);
            return -e;
        }
    } else {
        struct stat st;
        fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0)
            return -errno;
        if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(ttt_shm_file)) {
            close(fd);
            return -ENOENT;
        }
    }
    f = mmap(NULL, sizeof(ttt_shm_file), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    close(fd);
    if (f == MAP_FAILED)
        return -errno;
    if (side == 0) {
        f->slots = TTT_SHM_SLOTS;
        f->slot_bytes = TTT_SHM_SLOT_BYTES;
        __atomic_store_n(&f->magic, TTT_SHM_MAGIC, __ATOMIC_RELEASE);
    } else if (__atomic_load_n(&f->magic, __ATOMIC_ACQUIRE) != TTT_SHM_MAGIC
               || f->slots != TTT_SHM_SLOTS || f->slot_bytes != TTT_SHM_SLOT_BYTES) {
        munmap(f, sizeof(ttt_shm_file));
        return -ENOENT;
    }
    l = calloc(1, sizeof *l);
    if (l == NULL) {
        munmap(f, sizeof(ttt_shm_file));
        return -ENOMEM;
    }
    l->file = f;
    l->side = side;
    l->tx = &f->ring[side];
    l->rx = &f->ring[1 - side];
    l->tx_head = __atomic_load_n(&l->tx->head, __ATOMIC_ACQUIRE);
    l->rx_tail = __atomic_load_n(&l->rx->tail, __ATOMIC_ACQUIRE);
    l->tx_tail_seen = __atomic_load_n(&l->tx->tail, __ATOMIC_ACQUIRE);
    strcpy(l->path, path);
    *out = l;
    return 0;
}

void ttt_shm_close(ttt_shm_link *l)
{
    if (l == NULL)
        return;
    munmap(l->file, sizeof(ttt_shm_file));
    if (l->side == 0)
        unlink(l->path);
    free(l);
}

uint16_t ttt_shm_recv(ttt_shm_link *l, ttt_frame *frames, uint16_t n, uint64_t *truncated)
{
    uint16_t got = 0, seen = 0;
    while (got < n) {
        const uint8_t *slot = l->rx->slots[l->rx_tail % TTT_SHM_SLOTS];
        uint64_t word = __atomic_load_n((const uint64_t *)slot, __ATOMIC_ACQUIRE);
        if ((word >> 16) != ((l->rx_tail + 1) & SEQ_MASK))
            break; /* not written yet */
        uint32_t len = (uint32_t)(word & 0xFFFF);
        ttt_frame *f = &frames[got];
        if (len > f->tailroom || len > TTT_SHM_MAX_FRAME) {
            (*truncated)++;
        } else {
            memcpy(f->data, slot + 8, len);
            f->len = len;
            f->tailroom -= (uint16_t)len;
            got++;
        }
        l->rx_tail++;
        seen++;
    }
    if (seen > 0)
        __atomic_store_n(&l->rx->tail, l->rx_tail, __ATOMIC_RELEASE); /* the producer reads it only when the ring looks full */
    return got;
}

uint16_t ttt_shm_send(ttt_shm_link *l, const ttt_frame *frames, uint16_t n)
{
    uint16_t sent = 0;
    for (; sent < n; sent++) {
        if (l->tx_head - l->tx_tail_seen >= TTT_SHM_SLOTS) {
            l->tx_tail_seen = __atomic_load_n(&l->tx->tail, __ATOMIC_ACQUIRE);
            if (l->tx_head - l->tx_tail_seen >= TTT_SHM_SLOTS)
                break; /* full: the rest stay the caller's */
        }
        uint32_t len = frames[sent].len;
        if (len > TTT_SHM_MAX_FRAME)
            len = TTT_SHM_MAX_FRAME; /* cannot happen for an MTU-sized frame; never overrun a slot */
        uint8_t *slot = l->tx->slots[l->tx_head % TTT_SHM_SLOTS];
        memcpy(slot + 8, frames[sent].data, len);
        l->tx_head++;
        __atomic_store_n((uint64_t *)slot, ((l->tx_head & SEQ_MASK) << 16) | len, __ATOMIC_RELEASE);
    }
    if (sent > 0)
        __atomic_store_n(&l->tx->head, l->tx_head, __ATOMIC_RELAXED); /* for diagnostics only */
    return sent;
}
