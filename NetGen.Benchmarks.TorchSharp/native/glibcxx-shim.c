/* Stands in for libstdc++'s std::ios_base_library_init() (GLIBCXX_3.4.32, GCC 13), which libLibTorchSharp.so
   references but Debian 12's libstdc++ (GLIBCXX_3.4.30) lacks. GCC 13 objects only reference the symbol to pull
   in the library's own iostream initialisation; with an older libstdc++ the static std::ios_base::Init objects
   of libtorch do that work, so nothing is left to do here. Built with glibcxx-shim.map, which gives the symbol
   that version, so the versioned reference binds to it. */
void _ZSt21ios_base_library_initv(void) {}
