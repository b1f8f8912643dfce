"""Reports: the figures of a month, semester or year (register, applications, time limits, queue),
gathered as plain data for the PDF and XLSX renderers in desktop/printing/reports/, for the
Laporan screen and for the monthly pack that travels to the kecamatan."""
