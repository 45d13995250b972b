"""The classic learning rules as factors of the weights, W = U V^T - diag(d)."""

from __future__ import annotations

import numpy as np

__all__: list[str] = []


def hebbian_factors(X: np.ndarray):
    """W = (1/N) X^T X with zero diagonal: U = X^T / N, V = X^T, d = P / N."""
    P, N = X.shape
    Xt = X.T.astype(np.float64)
    return Xt / N, Xt, np.full(N, P / N)


def pseudoinverse_factors(X: np.ndarray):
    """W = X^T (X X^T)^+ X, the orthogonal projection onto the span of the patterns.

    With the thin SVD X = A S B^T and r the numerical rank, X^T (X X^T)^+ X = B_r B_r^T,
    which stays exact for repeated, inverted or otherwise linearly dependent patterns.

    Fast path (P <= N): the eigen-decomposition of the small Gram matrix
    X X^T = A S^2 A^T gives B_r = X^T A_r S_r^{-1} in O(P^2 N). Eigenvalues below
    1e-9 of the largest are zero (exactly dependent patterns: rounding puts them near
    1e-15); if any lies between 1e-9 and 1e-6 of the largest (nearly dependent
    patterns, where squaring the singular values would cost accuracy), the full SVD
    of X is used instead.
    """
    Xf = X.astype(np.float64)
    P, N = Xf.shape
    if P <= N:
        lam, A = np.linalg.eigh(Xf @ Xf.T)
        top = lam[-1]
        if top > 0 and not np.any((lam > 1e-9 * top) & (lam <= 1e-6 * top)):
            keep = lam > 1e-9 * top
            B = (Xf.T @ A[:, keep]) / np.sqrt(lam[keep])
            B = np.ascontiguousarray(B[:, ::-1])
            return B, B, np.einsum("ir,ir->i", B, B)
    _, sv, Bt = np.linalg.svd(Xf, full_matrices=False)
    if sv.size == 0 or sv[0] == 0:
        r = 0
    else:
        tol = sv[0] * max(Xf.shape) * np.finfo(np.float64).eps
        r = int((sv > tol).sum())
    B = np.ascontiguousarray(Bt[:r].T)
    return B, B, np.einsum("ir,ir->i", B, B)


def storkey_factors(X: np.ndarray):
    """Storkey (1997), learned pattern by pattern, in factorised form.

    For i != j, with W_ii = 0, h = W xi and h_ij = h_i - W_ij xi_j, the update
    W_ij += (1/N)(xi_i xi_j - xi_i h_ji - h_ij xi_j) reads

        W <- (1 + 2/N) W + (1/N)(xi xi^T - xi h^T - h xi^T)   (off the diagonal).

    Keeping W = U V^T - diag(d): the low-rank part gains the two columns
    (xi/N, xi - h) and (-h/N, xi), every older column is scaled by (1 + 2/N)
    (tracked as one factor per column), and d <- (1 + 2/N) d + (1/N)(1 - 2 xi * h)
    keeps the diagonal zero. O(P N) memory, O(P^2 N) time.
    """
    return next(storkey_stages(X, [X.shape[0]]))[1]


def storkey_stages(X: np.ndarray, counts):
    """Yield ``(c, storkey_factors(X[:c]))`` for each c of the ascending ``counts``.

    The Storkey rule learns pattern by pattern, so the network of the first c patterns
    is a stage of learning them all: one pass gives every stage, bit for bit as
    learning each from scratch would, at the cost of the largest alone.
    """
    P = int(max(counts)) if len(counts) else 0
    N = X.shape[1]
    Xf = X[:P].astype(np.float64)
    # Columns are kept as rows of Ut, Vt (2P, N) so that every slice is contiguous.
    Ut = np.zeros((2 * P, N))
    Vt = np.zeros((2 * P, N))
    scale = np.zeros(2 * P)
    d = np.zeros(N)
    grow = 1.0 + 2.0 / N
    wanted = sorted(set(int(c) for c in counts))

    def stage(k: int):
        return (np.ascontiguousarray((Ut[:k] * scale[:k, None]).T),
                np.ascontiguousarray(Vt[:k].T), d.copy())

    if wanted and wanted[0] == 0:
        yield 0, stage(0)
    for mu in range(P):
        xi = Xf[mu]
        r = 2 * mu
        if r:
            h = (scale[:r] * (Vt[:r] @ xi)) @ Ut[:r] - d * xi
        else:
            h = np.zeros(N)
        scale[:r] *= grow
        d = grow * d + (1.0 - 2.0 * xi * h) / N
        Ut[r] = xi
        Vt[r] = xi - h
        Ut[r + 1] = -h
        Vt[r + 1] = xi
        scale[r] = scale[r + 1] = 1.0 / N
        if mu + 1 in wanted:
            yield mu + 1, stage(r + 2)


BUILDERS = {
    "hebbian": hebbian_factors,
    "storkey": storkey_factors,
    "pseudoinverse": pseudoinverse_factors,
}

