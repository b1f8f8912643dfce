"""Report packs as documents: one table model (tables.py) rendered as PDF (pdf.py, with charts from
charts.py) and as XLSX (xlsx.py); both byte-identical when made again from the same data."""
