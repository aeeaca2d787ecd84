"""The indexed binary min-heap shared by the network and grid kernels (Numba functions).

One heap for every Dijkstra in the engine: ``hkey`` (float keys) and ``hnode`` (int32 node or cell
ids) are parallel arrays, ``pos[node]`` is the node's slot (callers keep -1 for never queued and
their own negative codes for settled). Keys live in the heap itself so comparisons read contiguous
memory. Decrease-key is ``hkey[pos[v]] = key; sift_up(...)``; a push is ``push``.
"""
from numba import njit


@njit(cache=True, nogil=True)
def sift_up(hkey, hnode, pos, i):
    """Move slot i up. Keys live in the heap itself (``hkey``), so comparisons read contiguous
    memory instead of chasing ``dist[node]`` all over a large graph."""
    key = hkey[i]
    node = hnode[i]
    while i > 0:
        parent = (i - 1) >> 1
        if hkey[parent] <= key:
            break
        hkey[i] = hkey[parent]
        hnode[i] = hnode[parent]
        pos[hnode[i]] = i
        i = parent
    hkey[i] = key
    hnode[i] = node
    pos[node] = i


@njit(cache=True, nogil=True)
def sift_down(hkey, hnode, pos, i, size):
    key = hkey[i]
    node = hnode[i]
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        right = child + 1
        if right < size and hkey[right] < hkey[child]:
            child = right
        if hkey[child] >= key:
            break
        hkey[i] = hkey[child]
        hnode[i] = hnode[child]
        pos[hnode[i]] = i
        i = child
    hkey[i] = key
    hnode[i] = node
    pos[node] = i


@njit(cache=True, nogil=True)
def pop(hkey, hnode, pos, size):
    """Remove the minimum (slot 0); returns the new size."""
    size -= 1
    if size > 0:
        hkey[0] = hkey[size]
        hnode[0] = hnode[size]
        sift_down(hkey, hnode, pos, 0, size)
    return size


@njit(cache=True, nogil=True)
def push(hkey, hnode, pos, size, node, key):
    """Queue ``node`` with ``key`` if never queued (``pos[node] == -1``) or lower its key (it is in
    the heap); returns the new size. The caller skips settled nodes and makes sure the arrays have
    room for one more entry."""
    i = pos[node]
    if i == -1:
        i = size
        hnode[i] = node
        size += 1
    hkey[i] = key
    sift_up(hkey, hnode, pos, i)
    return size


__all__ = ["pop", "push", "sift_down", "sift_up"]
