'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { caseKey } from './types';

/** After a change to a case: refetch the worklist queries (['cases', …]) and the case itself. */
export function useCaseRefresh(caseId: number) {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
        queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
      ]),
    [queryClient, caseId],
  );
}
