#include "ttt_tap.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int ttt_tap_open(const char *name)
{
    struct ifreq ifr;
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    return fd;
}

void ttt_tap_close(int fd)
{
    if (fd >= 0)
        close(fd);
}

uint16_t ttt_tap_recv(int fd, ttt_frame *frames, uint16_t n, uint64_t *truncated)
{
    uint16_t got = 0;
    while (got < n) {
        ttt_frame *f = &frames[got];
        ssize_t r = read(fd, f->data, f->tailroom);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            break; /* EAGAIN: the queue is empty (or the link went away) */
        }
        if ((size_t)r >= f->tailroom) { /* a read that fills the buffer may have been cut */
            (*truncated)++;
            continue;
        }
        f->len = (uint32_t)r;
        f->tailroom -= (uint16_t)r;
        got++;
    }
    return got;
}

uint16_t ttt_tap_send(int fd, const ttt_frame *frames, uint16_t n)
{
    uint16_t sent = 0;
    for (; sent < n; sent++) {
        ssize_t w;
        do
            w = write(fd, frames[sent].data, frames[sent].len);
        while (w < 0 && errno == EINTR);
        if (w < 0)
            break; /* EAGAIN (the kernel's queue is full) or EIO (the interface is down) */
    }
    return sent;
}
