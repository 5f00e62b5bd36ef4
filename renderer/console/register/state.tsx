import { createContext, useContext, useState, type ReactNode } from 'react';
import { NO_FILTERS, type RegisterFilters } from './filters';

type FiltersState = [RegisterFilters, (f: RegisterFilters) => void];

const FiltersContext = createContext<FiltersState | null>(null);

/** The register's filters outlive the screen: back from a complaint, the same list; a queue can set them. */
export function RegisterFiltersProvider({ children }: { children: ReactNode }) {
  const state = useState<RegisterFilters>(NO_FILTERS);
  return <FiltersContext.Provider value={state}>{children}</FiltersContext.Provider>;
}

export function useRegisterFilters(): FiltersState {
  const state = useContext(FiltersContext);
  if (!state) throw new Error('useRegisterFilters outside RegisterFiltersProvider');
  return state;
}
