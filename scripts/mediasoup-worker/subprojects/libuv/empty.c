/* Placeholder object: the worker's meson.build names a static library from this
 * subproject in link_whole; the real code comes from Debian's shared library. */
int moim_mediasoup_worker_stub_placeholder_unused(void);
