/* ProcessPrng for Wine before 9.0 (test-dist only): the Go runtime's source of random bytes
   on Windows since Go 1.22. RtlGenRandom (advapi32's SystemFunction036) gives the bytes. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (!SystemFunction036(data, n)) return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
