import { EvidenceIds, reportPieces } from '../../../server/web/view-models/report';

describe('report pieces', () => {
  const text = 'Right ankle pain.\nDisplaced fracture of the distal right fibula.\nSplint applied.';

  it('cuts the text around each quote, marking the pieces with their quote ids and anchoring each quote once', () => {
    const pieces = reportPieces(text, [
      { id: 'ev-1', quote: 'displaced FRACTURE of the   distal right fibula' },
    ]);
    expect(pieces).toEqual([
      { text: 'Right ankle pain.\n', marks: [] },
      { text: 'Displaced fracture of the distal right fibula', marks: ['ev-1'], anchorId: 'ev-1' },
      { text: '.\nSplint applied.', marks: [] },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('marks overlapping quotes on the shared piece with both ids', () => {
    const pieces = reportPieces(text, [
      { id: 'ev-1', quote: 'fracture of the distal' },
      { id: 'ev-2', quote: 'distal right fibula' },
    ]);
    expect(pieces.filter((p) => p.marks.length > 0)).toEqual([
      { text: 'fracture of the ', marks: ['ev-1'], anchorId: 'ev-1' },
      { text: 'distal', marks: ['ev-1', 'ev-2'], anchorId: 'ev-2' },
      { text: ' right fibula', marks: ['ev-2'] },
    ]);
  });

  it('leaves the text whole when a quote is not found', () => {
    expect(reportPieces(text, [{ id: 'ev-1', quote: 'not in the report' }])).toEqual([{ text, marks: [] }]);
  });

  it('gives each distinct quote one id, in order of first use', () => {
    const ids = new EvidenceIds();
    expect([ids.id('a'), ids.id('b'), ids.id('a')]).toEqual(['ev-1', 'ev-2', 'ev-1']);
  });
});
