package dev.jfastai.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code flatten(startDim)}, PyTorch's {@code torch.flatten(x, start_dim)}: a view merging startDim..-1. */
class FlattenTest {
  private static Tensor range(int... shape) {
    float[] v = new float[2 * 3 * 4 * 5];
    for (int i = 0; i < v.length; i++) v[i] = i;
    return Tensor.wrap(v, shape);
  }

  @Test
  void mergesFromStartDimToTheLastAsTorchDoes() {
    Tensor x = range(2, 3, 4, 5);
    assertArrayEquals(new int[] {2, 60}, x.flatten(1).shape(), "torch.flatten(x, 1): nn.Flatten's default");
    assertArrayEquals(new int[] {2, 3, 20}, x.flatten(2).shape());
    assertArrayEquals(new int[] {2, 3, 20}, x.flatten(-2).shape());
    assertArrayEquals(new int[] {120}, x.flatten(0).shape());
    assertArrayEquals(new int[] {2, 3, 4, 5}, x.flatten(3).shape(), "a single dim stays as it is");
    assertArrayEquals(new int[] {1}, Tensor.scalar(7f).flatten(0).shape(), "a scalar becomes a 1-element vector");
    assertArrayEquals(new int[] {1}, Tensor.scalar(7f).flatten(-1).shape());
  }

  @Test
  void isAViewOfTheSameStorage() {
    Tensor x = range(2, 3, 4, 5);
    Tensor flat = x.flatten(1);
    assertSame(x.array(), flat.array());
    assertArrayEquals(x.toFloatArray(), flat.toFloatArray());
  }

  @Test
  void theGradientFlowsBackInTheInputsShape() {
    Tensor x = range(2, 3, 4, 5).requiresGrad(true);
    Tensor w = range(2, 3, 4, 5).flatten(1);
    x.flatten(1).mul(w).sum().backward();
    assertArrayEquals(new int[] {2, 3, 4, 5}, x.grad().orElseThrow().shape());
    assertArrayEquals(w.toFloatArray(), x.grad().orElseThrow().toFloatArray());
  }

  @Test
  void aDimOutOfRangeIsRejectedNamingIt() {
    assertEquals("flatten: dim 4 is out of range for a tensor of rank 4",
        assertThrows(IndexOutOfBoundsException.class, () -> range(2, 3, 4, 5).flatten(4)).getMessage());
    assertEquals("flatten: dim 1 is out of range for a tensor of rank 1",
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.scalar(1f).flatten(1)).getMessage());
  }
}
