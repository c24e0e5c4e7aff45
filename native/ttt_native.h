/*
 * ttt_native: the thin C shim between the C# engine and DPDK 22.11.
 *
 * Why it exists: DPDK's fast path (rte_eth_rx_burst, rte_pktmbuf_alloc, ...)
 * is `static inline` and cannot be P/Invoked. This file exports each of them as
 * a real function, plus the cold set-up calls, with every error returned as a
 * negative errno that ttt_strerror() turns into DPDK's own message.
 *
 * Conventions:
 *   - cold calls return 0 (or a count) on success and -errno on failure;
 *   - hot calls never fail loudly: they return counts, like DPDK does;
 *   - every struct here is mirrored field for field in C# (PacketIO/Native).
 */
#ifndef TTT_NATIVE_H
#define TTT_NATIVE_H

#include <stdint.h>
#include "ttt_frame.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;
struct rte_mempool;

#define TTT_NAME_LEN 64

typedef struct ttt_port_info {
    char driver[TTT_NAME_LEN];
    char name[TTT_NAME_LEN];
    uint8_t mac[6];
    uint16_t port_id;
    int32_t socket_id;
    uint16_t max_rx_queues;
    uint16_t max_tx_queues;
    uint16_t rx_desc_max;
    uint16_t tx_desc_max;
    uint32_t max_rx_pktlen;
    uint32_t min_mtu;
    uint32_t max_mtu;
    uint32_t if_index;
    uint64_t rx_offload_capa;
    uint64_t tx_offload_capa;
} ttt_port_info;

typedef struct ttt_link {
    uint32_t speed_mbps;
    uint16_t up;
    uint16_t full_duplex;
    uint16_t autoneg;
    uint16_t reserved;
} ttt_link;

typedef struct ttt_port_stats {
    uint64_t ipackets, opackets, ibytes, obytes, imissed, ierrors, oerrors, rx_nombuf;
} ttt_port_stats;

/* ---- EAL ---------------------------------------------------------------- */
int ttt_eal_init(int argc, char **argv);
int ttt_eal_cleanup(void);
const char *ttt_strerror(int errnum);
int ttt_vdev_probe(const char *devargs, uint16_t *port_out);
int ttt_vdev_remove(const char *name); /* by device name: a closed port has no id */

/* ---- ports -------------------------------------------------------------- */
uint16_t ttt_port_count(void);
int ttt_port_by_name(const char *name, uint16_t *port_out);
int ttt_port_info_get(uint16_t port, ttt_port_info *out);
int ttt_port_configure(uint16_t port, uint16_t nb_rxq, uint16_t nb_txq,
                       uint64_t rx_offloads, uint64_t tx_offloads);
int ttt_port_adjust_desc(uint16_t port, uint16_t *nb_rxd, uint16_t *nb_txd);
int ttt_port_rx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc,
                            struct rte_mempool *pool);
int ttt_port_tx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc,
                            uint64_t tx_offloads);
int ttt_port_start(uint16_t port);
int ttt_port_stop(uint16_t port);
int ttt_port_close(uint16_t port);
int ttt_port_promiscuous(uint16_t port, int enable);
int ttt_port_mac(uint16_t port, uint8_t mac_out[6]);
int ttt_port_link(uint16_t port, ttt_link *out);
int ttt_port_stats_get(uint16_t port, ttt_port_stats *out);
/* xstats: returns the count, fills up to cap names (TTT_NAME_LEN each) and values. */
int ttt_port_xstats(uint16_t port, char *names, uint64_t *values, int cap);
const char *ttt_rx_offload_name(uint64_t bit);
const char *ttt_tx_offload_name(uint64_t bit);

/* ---- mempool ------------------------------------------------------------ */
struct rte_mempool *ttt_mempool_create(const char *name, uint32_t n, uint32_t cache,
                                       uint16_t data_room, int socket_id, int *err_out);
void ttt_mempool_free(struct rte_mempool *pool);
uint32_t ttt_mempool_avail(const struct rte_mempool *pool);
int ttt_port_socket_id(uint16_t port);

/* ---- fast path (the static inlines, exported) --------------------------- */
uint16_t ttt_rx_burst(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n);
uint16_t ttt_tx_burst(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n);
struct rte_mbuf *ttt_mbuf_alloc(struct rte_mempool *pool);
int ttt_mbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs, uint32_t n);
void ttt_mbuf_free(struct rte_mbuf *m);
void ttt_mbuf_free_bulk(struct rte_mbuf **mbufs, uint32_t n);
void *ttt_mbuf_data(struct rte_mbuf *m);
uint16_t ttt_mbuf_data_len(const struct rte_mbuf *m);
uint32_t ttt_mbuf_pkt_len(const struct rte_mbuf *m);
uint16_t ttt_mbuf_nb_segs(const struct rte_mbuf *m);
char *ttt_mbuf_prepend(struct rte_mbuf *m, uint16_t len);
char *ttt_mbuf_append(struct rte_mbuf *m, uint16_t len);

/* Frame-level fast path: one call per burst instead of one per accessor.
 * rx: receive up to n mbufs and describe each as a ttt_frame; chained
 *     (multi-segment) mbufs are freed and counted in *dropped_chained.
 * alloc: take n mbufs from the pool as empty frames (len 0) with full headroom.
 * tx: set each mbuf's data_off/data_len/pkt_len from its frame, then send;
 *     returns how many the PMD took. The rest still belong to the caller. */
uint16_t ttt_rx_burst_frames(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n,
                             uint64_t *dropped_chained);
int ttt_alloc_frames(struct rte_mempool *pool, ttt_frame *frames, uint16_t n);
uint16_t ttt_tx_burst_frames(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n);
void ttt_free_frames(ttt_frame *frames, uint16_t n);
/* As ttt_tx_burst_frames, and each IPv4/TCP frame is marked for TCP checksum offload
 * (l2_len, l3_len, RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM): the port was
 * configured with RTE_ETH_TX_OFFLOAD_TCP_CKSUM, and the TCP checksum field holds
 * the pseudo-header sum. */
uint16_t ttt_tx_burst_frames_tcp_cksum(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n);

/* ---- native arenas ------------------------------------------------------ */
/* Anonymous memory for the book, the order store and the rings: 2 MB hugetlb
 * pages when reserved (MAP_HUGETLB), else transparent hugepages (madvise), else
 * ordinary pages. *kind_out: 2 hugetlb, 1 THP advised, 0 ordinary. Zeroed, and
 * every page already faulted in, so the hot path never takes a page fault. */
void *ttt_arena_alloc(uint64_t bytes, int *kind_out);
void ttt_arena_free(void *p, uint64_t bytes);

/* ---- time --------------------------------------------------------------- */
uint64_t ttt_rdtsc(void);
uint64_t ttt_tsc_hz(void);

/* ---- diagnostics -------------------------------------------------------- */
const char *ttt_dpdk_version(void);

#ifdef __cplusplus
}
#endif
#endif
