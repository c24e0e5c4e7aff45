/*
 * ttt_native.c: see ttt_native.h for the contract.
 * Port set-up follows DPDK's examples/skeleton/basicfwd.c: configure, adjust
 * descriptors, queues on the port's NUMA socket, start; every rc checked.
 */
#include "ttt_native.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_version.h>

static int eal_ready;

/* ---- EAL ---------------------------------------------------------------- */

int ttt_eal_init(int argc, char **argv)
{
    int rc = rte_eal_init(argc, argv);
    if (rc < 0)
        return rte_errno > 0 ? -rte_errno : -EINVAL;
    eal_ready = 1;
    return rc;
}

int ttt_eal_cleanup(void)
{
    if (!eal_ready)
        return 0;
    eal_ready = 0;
    return rte_eal_cleanup();
}

const char *ttt_strerror(int errnum)
{
    return rte_strerror(errnum < 0 ? -errnum : errnum);
}

/* Hot-plugs a virtual device ("net_pcap1,rx_pcap=a.pcap") after EAL init and
 * returns its port id; the name is the devargs text before the first comma. */
int ttt_vdev_probe(const char *devargs, uint16_t *port_out)
{
    char name[RTE_ETH_NAME_MAX_LEN];
    size_t i = 0;
    int rc = rte_dev_probe(devargs);
    if (rc < 0)
        return rc;
    while (devargs[i] != '\0' && devargs[i] != ',' && i + 1 < sizeof(name)) {
        name[i] = devargs[i];
        i++;
    }
    name[i] = '\0';
    rc = rte_eth_dev_get_port_by_name(name, port_out);
    return rc < 0 ? rc : 0;
}

int ttt_vdev_remove(const char *name)
{
    return rte_eal_hotplug_remove("vdev", name);
}

/* ---- ports -------------------------------------------------------------- */

uint16_t ttt_port_count(void) { return rte_eth_dev_count_avail(); }

int ttt_port_by_name(const char *name, uint16_t *port_out)
{
    return rte_eth_dev_get_port_by_name(name, port_out);
}

int ttt_port_info_get(uint16_t port, ttt_port_info *out)
{
    struct rte_eth_dev_info info;
    struct rte_ether_addr mac;
    int rc;

    if (!rte_eth_dev_is_valid_port(port))
        return -ENODEV;
    memset(out, 0, sizeof(*out));
    rc = rte_eth_dev_info_get(port, &info);
    if (rc != 0)
        return rc;
    snprintf(out->driver, sizeof(out->driver), "%s", info.driver_name ? info.driver_name : "?");
    rc = rte_eth_dev_get_name_by_port(port, out->name);
    if (rc != 0)
        return rc;
    rc = rte_eth_macaddr_get(port, &mac);
    if (rc != 0)
        return rc;
    memcpy(out->mac, mac.addr_bytes, 6);
    out->port_id = port;
    out->socket_id = rte_eth_dev_socket_id(port);
    out->max_rx_queues = info.max_rx_queues;
    out->max_tx_queues = info.max_tx_queues;
    out->rx_desc_max = info.rx_desc_lim.nb_max;
    out->tx_desc_max = info.tx_desc_lim.nb_max;
    out->max_rx_pktlen = info.max_rx_pktlen;
    out->min_mtu = info.min_mtu;
    out->max_mtu = info.max_mtu;
    out->if_index = info.if_index;
    out->rx_offload_capa = info.rx_offload_capa;
    out->tx_offload_capa = info.tx_offload_capa;
    return 0;
}

int ttt_port_configure(uint16_t port, uint16_t nb_rxq, uint16_t nb_txq,
                       uint64_t rx_offloads, uint64_t tx_offloads)
{
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof(conf));
    conf.rxmode.offloads = rx_offloads;
    conf.txmode.offloads = tx_offloads;
    return rte_eth_dev_configure(port, nb_rxq, nb_txq, &conf);
}

int ttt_port_adjust_desc(uint16_t port, uint16_t *nb_rxd, uint16_t *nb_txd)
{
    return rte_eth_dev_adjust_nb_rx_tx_desc(port, nb_rxd, nb_txd);
}

int ttt_port_rx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc,
                            struct rte_mempool *pool)
{
    int socket = rte_eth_dev_socket_id(port);
    return rte_eth_rx_queue_setup(port, queue, nb_desc,
                                  socket < 0 ? (unsigned)SOCKET_ID_ANY : (unsigned)socket,
                                  NULL, pool);
}

int ttt_port_tx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc,
                            uint64_t tx_offloads)
{
    struct rte_eth_dev_info info;
    struct rte_eth_txconf txconf;
    int socket = rte_eth_dev_socket_id(port);
    int rc = rte_eth_dev_info_get(port, &info);
    if (rc != 0)
        return rc;
    txconf = info.default_txconf;
    txconf.offloads = tx_offloads;
    return rte_eth_tx_queue_setup(port, queue, nb_desc,
                                  socket < 0 ? (unsigned)SOCKET_ID_ANY : (unsigned)socket,
                                  &txconf);
}

int ttt_port_start(uint16_t port) { return rte_eth_dev_start(port); }
int ttt_port_stop(uint16_t port) { return rte_eth_dev_stop(port); }
int ttt_port_close(uint16_t port) { return rte_eth_dev_close(port); }

int ttt_port_promiscuous(uint16_t port, int enable)
{
    return enable ? rte_eth_promiscuous_enable(port) : rte_eth_promiscuous_disable(port);
}

int ttt_port_mac(uint16_t port, uint8_t mac_out[6])
{
    struct rte_ether_addr mac;
    int rc = rte_eth_macaddr_get(port, &mac);
    if (rc == 0)
        memcpy(mac_out, mac.addr_bytes, 6);
    return rc;
}

int ttt_port_link(uint16_t port, ttt_link *out)
{
    struct rte_eth_link link;
    int rc = rte_eth_link_get_nowait(port, &link);
    if (rc != 0)
        return rc;
    out->speed_mbps = link.link_speed;
    out->up = link.link_status;
    out->full_duplex = link.link_duplex;
    out->autoneg = link.link_autoneg;
    out->reserved = 0;
    return 0;
}

int ttt_port_stats_get(uint16_t port, ttt_port_stats *out)
{
    struct rte_eth_stats s;
    int rc = rte_eth_stats_get(port, &s);
    if (rc != 0)
        return rc;
    out->ipackets = s.ipackets;
    out->opackets = s.opackets;
    out->ibytes = s.ibytes;
    out->obytes = s.obytes;
    out->imissed = s.imissed;
    out->ierrors = s.ierrors;
    out->oerrors = s.oerrors;
    out->rx_nombuf = s.rx_nombuf;
    return 0;
}

int ttt_port_xstats(uint16_t port, char *names, uint64_t *values, int cap)
{
    struct rte_eth_xstat_name *xnames;
    struct rte_eth_xstat *xvals;
    int n = rte_eth_xstats_get_names(port, NULL, 0);
    int got, i;
    if (n <= 0)
        return n;
    /* Cold path: sized to what the PMD reports, so no count is ever clamped. */
    xnames = calloc((size_t)n, sizeof(*xnames));
    xvals = calloc((size_t)n, sizeof(*xvals));
    if (xnames == NULL || xvals == NULL) {
        free(xnames);
        free(xvals);
        return -ENOMEM;
    }
    if (rte_eth_xstats_get_names(port, xnames, (unsigned)n) != n ||
        (got = rte_eth_xstats_get(port, xvals, (unsigned)n)) != n) {
        free(xnames);
        free(xvals);
        return -EIO;
    }
    for (i = 0; i < n && i < cap; i++) {
        uint64_t id = xvals[i].id;
        snprintf(names + (size_t)i * TTT_NAME_LEN, TTT_NAME_LEN, "%s", id < (uint64_t)n ? xnames[id].name : "?");
        values[i] = xvals[i].value;
    }
    free(xnames);
    free(xvals);
    return n;
}

const char *ttt_rx_offload_name(uint64_t bit) { return rte_eth_dev_rx_offload_name(bit); }
const char *ttt_tx_offload_name(uint64_t bit) { return rte_eth_dev_tx_offload_name(bit); }

/* ---- mempool ------------------------------------------------------------ */

struct rte_mempool *ttt_mempool_create(const char *name, uint32_t n, uint32_t cache,
                                       uint16_t data_room, int socket_id, int *err_out)
{
    struct rte_mempool *mp = rte_pktmbuf_pool_create(name, n, cache, 0, data_room, socket_id);
    *err_out = mp == NULL ? (rte_errno > 0 ? -rte_errno : -ENOMEM) : 0;
    return mp;
}

void ttt_mempool_free(struct rte_mempool *pool) { rte_mempool_free(pool); }
uint32_t ttt_mempool_avail(const struct rte_mempool *pool) { return rte_mempool_avail_count(pool); }

int ttt_port_socket_id(uint16_t port) { return rte_eth_dev_socket_id(port); }

/* ---- fast path ---------------------------------------------------------- */

uint16_t ttt_rx_burst(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n)
{
    return rte_eth_rx_burst(port, queue, pkts, n);
}

uint16_t ttt_tx_burst(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n)
{
    return rte_eth_tx_burst(port, queue, pkts, n);
}

struct rte_mbuf *ttt_mbuf_alloc(struct rte_mempool *pool) { return rte_pktmbuf_alloc(pool); }

int ttt_mbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs, uint32_t n)
{
    return rte_pktmbuf_alloc_bulk(pool, mbufs, n);
}

void ttt_mbuf_free(struct rte_mbuf *m) { rte_pktmbuf_free(m); }
void ttt_mbuf_free_bulk(struct rte_mbuf **mbufs, uint32_t n) { rte_pktmbuf_free_bulk(mbufs, n); }
void *ttt_mbuf_data(struct rte_mbuf *m) { return rte_pktmbuf_mtod(m, void *); }
uint16_t ttt_mbuf_data_len(const struct rte_mbuf *m) { return m->data_len; }
uint32_t ttt_mbuf_pkt_len(const struct rte_mbuf *m) { return m->pkt_len; }
uint16_t ttt_mbuf_nb_segs(const struct rte_mbuf *m) { return m->nb_segs; }
char *ttt_mbuf_prepend(struct rte_mbuf *m, uint16_t len) { return rte_pktmbuf_prepend(m, len); }
char *ttt_mbuf_append(struct rte_mbuf *m, uint16_t len) { return rte_pktmbuf_append(m, len); }

static inline void describe(struct rte_mbuf *m, ttt_frame *f)
{
    f->mbuf = m;
    f->data = rte_pktmbuf_mtod(m, uint8_t *);
    f->len = m->data_len;
    f->headroom = rte_pktmbuf_headroom(m);
    f->tailroom = rte_pktmbuf_tailroom(m);
}

uint16_t ttt_rx_burst_frames(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n,
                             uint64_t *dropped_chained)
{
    struct rte_mbuf *pkts[64];
    uint16_t i, got, kept = 0;
    if (n > 64)
        n = 64;
    got = rte_eth_rx_burst(port, queue, pkts, n);
    for (i = 0; i < got; i++) {
        /* A chained mbuf is not contiguous, so it cannot be lent as one span.
         * Our pools are sized for a full frame, so this only happens with a
         * PMD that scatters; count it and drop it, never hand out half. */
        if (unlikely(pkts[i]->nb_segs != 1)) {
            rte_pktmbuf_free(pkts[i]);
            (*dropped_chained)++;
            continue;
        }
        describe(pkts[i], &frames[kept++]);
    }
    return kept;
}

int ttt_alloc_frames(struct rte_mempool *pool, ttt_frame *frames, uint16_t n)
{
    struct rte_mbuf *pkts[64];
    uint16_t i;
    if (n > 64)
        return -EINVAL;
    if (rte_pktmbuf_alloc_bulk(pool, pkts, n) != 0)
        return -ENOBUFS;
    for (i = 0; i < n; i++)
        describe(pkts[i], &frames[i]);
    return n;
}

/* Marks an IPv4/TCP frame for TCP checksum offload: the NIC fills the TCP checksum,
 * the stack wrote the pseudo-header sum. Other frames go as they are. */
static inline void mark_tcp_cksum(struct rte_mbuf *m, const uint8_t *d, uint32_t len)
{
    uint32_t l2 = 14;
    m->ol_flags = 0;
    if (len >= 18 && d[12] == 0x81 && d[13] == 0x00)
        l2 = 18; /* 802.1Q */
    if (len >= l2 + 20 && d[l2 - 2] == 0x08 && d[l2 - 1] == 0x00 && d[l2 + 9] == 6 && (d[l2] >> 4) == 4) {
        uint32_t l3 = (uint32_t)(d[l2] & 0x0F) * 4;
        m->l2_len = l2;
        m->l3_len = l3;
        if (len >= l2 + l3 + 13)
            m->l4_len = (uint64_t)(d[l2 + l3 + 12] >> 4) * 4; /* some PMDs checksum l2+l3+l4_len of header: give it */
        m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_CKSUM;
    }
}

static inline uint16_t tx_frames(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n, int tcp_cksum)
{
    struct rte_mbuf *pkts[64];
    uint16_t i;
    if (n > 64)
        n = 64;
    for (i = 0; i < n; i++) {
        struct rte_mbuf *m = frames[i].mbuf;
        /* The C# side may have moved data within [buf_addr, buf_addr+buf_len). */
        m->data_off = (uint16_t)(frames[i].data - (uint8_t *)m->buf_addr);
        m->data_len = (uint16_t)frames[i].len;
        m->pkt_len = frames[i].len;
        if (tcp_cksum)
            mark_tcp_cksum(m, frames[i].data, frames[i].len);
        pkts[i] = m;
    }
    return rte_eth_tx_burst(port, queue, pkts, n);
}

uint16_t ttt_tx_burst_frames(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n)
{
    return tx_frames(port, queue, frames, n, 0);
}

uint16_t ttt_tx_burst_frames_tcp_cksum(uint16_t port, uint16_t queue, ttt_frame *frames, uint16_t n)
{
    return tx_frames(port, queue, frames, n, 1);
}

void ttt_free_frames(ttt_frame *frames, uint16_t n)
{
    uint16_t i;
    for (i = 0; i < n; i++)
        rte_pktmbuf_free(frames[i].mbuf);
}

/* ---- native arenas ------------------------------------------------------ */

#define TTT_HUGE (2ull * 1024 * 1024)

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; glibc headers before 2.35 lack the name */
#endif

static uint64_t round_huge(uint64_t bytes) { return (bytes + TTT_HUGE - 1) & ~(TTT_HUGE - 1); }

/* Every page of an arena is faulted in here, at start-up: the first touch of a
 * page on the hot path would otherwise cost a page fault and the zeroing of up to
 * 2 MB (measured: `ttt book --bench`, one pass over a 50M-message day, spent
 * its first pass faulting in the book's tables). */
void *ttt_arena_alloc(uint64_t bytes, int *kind_out)
{
    uint64_t size = round_huge(bytes ? bytes : 1);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE, -1, 0);
    if (p != MAP_FAILED) {
        *kind_out = 2;
        return p;
    }
    p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        *kind_out = -errno;
        return NULL;
    }
    /* Fewer TLB misses for tables touched at random: ask for transparent hugepages
     * (before populating, so the pages come huge). */
    *kind_out = madvise(p, size, MADV_HUGEPAGE) == 0 ? 1 : 0;
    if (madvise(p, size, MADV_POPULATE_WRITE) != 0) {
        if (errno != EINVAL) { /* the memory is not there: say so, rather than be killed touching it */
            int e = errno;
            munmap(p, size);
            *kind_out = -e;
            return NULL;
        }
        for (uint64_t o = 0; o < size; o += 4096) /* Linux < 5.14 has no MADV_POPULATE_WRITE: touch every page */
            ((volatile uint8_t *)p)[o] = 0;
    }
    return p;
}

void ttt_arena_free(void *p, uint64_t bytes)
{
    if (p != NULL)
        munmap(p, round_huge(bytes ? bytes : 1));
}

/* ---- time --------------------------------------------------------------- */

uint64_t ttt_rdtsc(void) { return rte_rdtsc(); }

/* rte_get_tsc_hz() needs EAL; without it (unit tests, `ttt gen`) calibrate the
 * TSC against CLOCK_MONOTONIC_RAW over 20 ms, once. */
uint64_t ttt_tsc_hz(void)
{
    static uint64_t calibrated;
    struct timespec a, b, pause = {0, 20 * 1000 * 1000};
    uint64_t t0, t1, ns;
    if (eal_ready)
        return rte_get_tsc_hz();
    if (calibrated)
        return calibrated;
    clock_gettime(CLOCK_MONOTONIC_RAW, &a);
    t0 = rte_rdtsc();
    nanosleep(&pause, NULL);
    clock_gettime(CLOCK_MONOTONIC_RAW, &b);
    t1 = rte_rdtsc();
    ns = (uint64_t)(b.tv_sec - a.tv_sec) * 1000000000ull + (uint64_t)(b.tv_nsec - a.tv_nsec);
    calibrated = (t1 - t0) * 1000000000ull / (ns ? ns : 1);
    return calibrated;
}

const char *ttt_dpdk_version(void) { return rte_version(); }
