/* weaken-verneed FILE VERSION: sets VER_FLG_WEAK on every version need named VERSION in the ELF64 shared object
   FILE (its .gnu.version_r section), in place. The dynamic loader then only warns (under LD_VERBOSE) instead of
   refusing to load when the needed library lacks that version; the symbols bound to it must then come from
   elsewhere (here, glibcxx-shim). Idempotent. Exit 0 when FILE now has the need weak, 1 when it has no such need,
   2 on errors. */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: %s FILE VERSION\n", argv[0]); return 2; }
    int fd = open(argv[1], O_RDWR);
    if (fd < 0) { perror(argv[1]); return 2; }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(Elf64_Ehdr)) { fprintf(stderr, "%s: too small\n", argv[1]); return 2; }
    unsigned char *base = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) { perror("mmap"); return 2; }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB
        || eh->e_shoff == 0 || eh->e_shoff + (Elf64_Off)eh->e_shnum * sizeof(Elf64_Shdr) > (Elf64_Off)st.st_size)
    {
        fprintf(stderr, "%s: not a little-endian ELF64 file with section headers\n", argv[1]);
        return 2;
    }
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(base + eh->e_shoff);
    int found = 0;
    for (int i = 0; i < eh->e_shnum; i++)
    {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        const char *strtab = (const char *)(base + sh[sh[i].sh_link].sh_offset);
        unsigned char *p = base + sh[i].sh_offset;
        for (;;)
        {
            Elf64_Verneed *vn = (Elf64_Verneed *)p;
            unsigned char *a = p + vn->vn_aux;
            for (int k = 0; k < vn->vn_cnt; k++)
            {
                Elf64_Vernaux *aux = (Elf64_Vernaux *)a;
                if (strcmp(strtab + aux->vna_name, argv[2]) == 0)
                {
                    if (!(aux->vna_flags & VER_FLG_WEAK)) printf("%s: need of %s (from %s) marked weak\n", argv[1], argv[2], strtab + vn->vn_file);
                    aux->vna_flags |= VER_FLG_WEAK;
                    found = 1;
                }
                if (aux->vna_next == 0) break;
                a += aux->vna_next;
            }
            if (vn->vn_next == 0) break;
            p += vn->vn_next;
        }
    }
    if (msync(base, (size_t)st.st_size, MS_SYNC) != 0) { perror("msync"); return 2; }
    munmap(base, (size_t)st.st_size);
    close(fd);
    return found ? 0 : 1;
}
