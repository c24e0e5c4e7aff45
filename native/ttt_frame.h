/* The frame descriptor shared by every port in the shim (mirrored by PacketIO's PacketBuffer). */
#ifndef TTT_FRAME_H
#define TTT_FRAME_H

#include <stdint.h>

struct rte_mbuf;

/* A frame lent by a port: the pointer the C# side reads and writes. For DPDK
 * the owner is an mbuf; for the tap and shared-memory ports, a pool slot. */
typedef struct ttt_frame {
    struct rte_mbuf *mbuf; /* owner: an rte_mbuf*, or a slot index            */
    uint8_t *data;         /* first byte of the frame                         */
    uint32_t len;          /* bytes of frame at data                          */
    uint16_t headroom;     /* bytes free before data (for prepend)            */
    uint16_t tailroom;     /* bytes free after data + len (for append)        */
} ttt_frame;

#endif
