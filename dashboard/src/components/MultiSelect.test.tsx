import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { MultiSelect } from './MultiSelect.tsx';
import { matching, summary } from '../lib/multiselect.ts';

afterEach(cleanup);

describe('MultiSelect', () => {
  it('searches the values and summarises the choice', () => {
    expect(matching(['North', 'south', 'East', 'North'], 'TH')).toEqual(['North', 'south']);
    expect(matching(['a', 'b'], ' ')).toEqual(['a', 'b']);
    expect(summary([])).toBe('All');
    expect(summary(['a', 'b'])).toBe('a, b');
    expect(summary(['a', 'b', 'c'])).toBe('3 selected');
  });

  it('ticks values from the API list and keeps a value the data do not have, marked', () => {
    const onChange = vi.fn();
    render(
      <MultiSelect
        label="Region"
        name="region"
        options={['north', 'south', 'east']}
        selected={['nrth']}
        onChange={onChange}
      />,
    );
    expect(screen.getByText('— not in the data')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search region'), { target: { value: 'so' } });
    // the search leaves south only (and no unknown value matching "so")
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => b.value)).toEqual(['south']);
    fireEvent.click(boxes[0]!);
    expect(onChange).toHaveBeenLastCalledWith(['nrth', 'south']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear (all)' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
